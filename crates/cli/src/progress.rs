//! Progress of long work (building a corpus, evaluating, training): a bar on a terminal
//! (`indicatif`), a plain line at every tenth of the work when stderr is not a terminal (a log
//! file, CI), and nothing with `--quiet`. Always on stderr, so stdout stays the output.

use indicatif::{ProgressBar, ProgressStyle};
use std::cell::Cell;
use std::io::IsTerminal;

/// How progress is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// A bar on a terminal, plain lines otherwise.
    Auto,
    /// Plain lines (what `Auto` does when stderr is not a terminal).
    Lines,
    /// Nothing.
    Quiet,
}

impl Show {
    /// `Quiet` when asked for, else `Auto`.
    pub fn from_quiet(quiet: bool) -> Show {
        if quiet {
            Show::Quiet
        } else {
            Show::Auto
        }
    }
}

/// The progress of one piece of work of `total` steps (0: unknown, a spinner or no lines).
pub struct Progress {
    bar: Option<ProgressBar>,
    lines: bool,
    label: String,
    total: u64,
    done: Cell<u64>,
    /// The next tenth at which a plain line is printed.
    next: Cell<u64>,
}

impl Progress {
    /// Start showing `label` (e.g. "reading sources") over `total` steps.
    pub fn new(label: &str, total: u64, show: Show) -> Progress {
        let show = match show {
            Show::Auto if std::io::stderr().is_terminal() => Show::Auto,
            Show::Auto => Show::Lines,
            s => s,
        };
        let bar = (show == Show::Auto).then(|| {
            let bar = if total > 0 {
                ProgressBar::new(total)
            } else {
                ProgressBar::new_spinner()
            };
            let template = if total > 0 {
                "{msg} [{bar:30}] {pos}/{len} ({eta} left)"
            } else {
                "{spinner} {msg} ({elapsed})"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(label.to_string());
            bar
        });
        Progress {
            bar,
            lines: show == Show::Lines,
            label: label.to_string(),
            total,
            done: Cell::new(0),
            next: Cell::new(1),
        }
    }

    /// `n` more steps done.
    pub fn inc(&self, n: u64) {
        let done = self.done.get() + n;
        self.done.set(done);
        if let Some(bar) = &self.bar {
            bar.inc(n);
        } else if self.lines && self.total > 0 {
            // One line each time a new tenth is reached (one line when a step passes several).
            let tenth = (done.min(self.total) * 10 / self.total).min(10);
            if tenth >= self.next.get() {
                eprintln!("{}: {}% ({done} of {})", self.label, tenth * 10, self.total);
                self.next.set(tenth + 1);
            }
        }
    }

    /// Set how many steps are done.
    pub fn set(&self, done: u64) {
        self.inc(done.saturating_sub(self.done.get()));
    }

    /// A line of news (a training stage) that does not break the bar.
    pub fn note(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None if self.lines => eprintln!("{line}"),
            None => {}
        }
    }

    /// A line that is always shown, even with `--quiet` (an input that failed): above the
    /// bar on a terminal, else on stderr as it comes.
    pub fn error(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// The work is done: the bar is cleared (the caller says what was made).
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
