//! Deterministic synthetic news: corpora of articles and pages to check against them, for
//! benchmarks and scale tests.
//!
//! Everything comes from a seed through a small built-in generator (SplitMix64), so the same
//! seed always gives the same text on every platform. Names of people, places, organisations
//! and outlets are built from syllables, which gives tens of thousands of distinct words and
//! realistic posting lists. The corpus is organised in *stories*: each story has a cast (people
//! with roles, an organisation, places), a topic and a set of facts (actions, counts with
//! hedges, sums of money, meetings, quotes, dates), and several outlets each write an article
//! on it, phrasing the facts their own way and adding background sentences.
//!
//! ```
//! use corroborate_synth as synth;
//! let corpus = synth::corpus(7, 500);
//! let sentences: usize = corpus.sources.iter().map(|s| corroborate::sentences(&s.text).len()).sum();
//! assert!((450..=600).contains(&sentences), "{sentences}");
//! assert_eq!(corpus, synth::corpus(7, 500));
//!
//! let page = synth::page_with_origins(1, 300, &corpus);
//! assert!(page.text.split_whitespace().count() >= 300);
//! assert!(page.sentences.iter().any(|s| s.kind == synth::Kind::Paraphrase));
//! ```

use corroborate::sentences;
use corroborate::{Corpus, Source};

/// SplitMix64: a tiny, good-quality deterministic generator.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const ONSETS: &[&str] = &[
    "b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr", "gr",
    "h", "f", "j", "ch", "sh", "g", "w",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ei", "ia", "y"];
const CODAS: &[&str] = &["", "", "", "n", "r", "l", "s", "k", "m", "th", "nd", "v"];
const PLACE_SUFFIXES: &[&str] = &[
    "", "", "ville", "burg", "ton", "port", "field", "grad", "abad", "polis", "stad", "mouth",
];

const ROLES: &[&str] = &[
    "Defense Minister",
    "Foreign Minister",
    "Finance Minister",
    "Health Secretary",
    "Interior Minister",
    "Mayor",
    "Governor",
    "Senator",
    "Congressman",
    "police chief",
    "spokesperson",
    "union leader",
    "chief executive",
    "prosecutor",
    "judge",
    "fire chief",
    "ambassador",
    "opposition leader",
    "council member",
    "harbour master",
    "school principal",
    "hospital director",
    "army general",
    "transport commissioner",
];
const ORG_KINDS: &[&str] = &[
    "City Council",
    "Police Department",
    "Health Authority",
    "Transport Union",
    "Port Authority",
    "Electoral Commission",
    "Chamber of Commerce",
    "Water Board",
    "Teachers Federation",
    "Red Cross chapter",
    "Housing Agency",
    "Energy Company",
];
const TOPICS: &[&str] = &[
    "bridge",
    "hospital",
    "harbour",
    "budget",
    "contract",
    "election",
    "strike",
    "flood defences",
    "wildfire response",
    "protest",
    "trade agreement",
    "vaccination campaign",
    "pipeline",
    "factory",
    "school reform",
    "railway line",
    "housing plan",
    "water supply",
    "tax increase",
    "border crossing",
    "airport expansion",
    "mining licence",
    "ceasefire",
    "stadium",
    "power plant",
    "fishing quota",
    "recycling scheme",
    "court ruling",
    "bus network",
    "museum",
];
/// Past tense, base form.
const VERBS: &[(&str, &str)] = &[
    ("announced", "announce"),
    ("approved", "approve"),
    ("rejected", "reject"),
    ("inspected", "inspect"),
    ("visited", "visit"),
    ("opened", "open"),
    ("closed", "close"),
    ("signed", "sign"),
    ("criticised", "criticise"),
    ("suspended", "suspend"),
    ("launched", "launch"),
    ("postponed", "postpone"),
    ("cancelled", "cancel"),
    ("funded", "fund"),
    ("investigated", "investigate"),
    ("defended", "defend"),
    ("praised", "praise"),
    ("blocked", "block"),
    ("reviewed", "review"),
    ("expanded", "expand"),
];
const COUNT_NOUNS: &[(&str, &str)] = &[
    ("people", "were injured"),
    ("residents", "were evacuated"),
    ("workers", "joined the strike"),
    ("homes", "lost power"),
    ("families", "were relocated"),
    ("protesters", "were arrested"),
    ("patients", "were treated"),
    ("students", "were sent home"),
    ("vehicles", "were damaged"),
    ("officers", "were deployed"),
    ("flights", "were cancelled"),
    ("jobs", "will be created"),
];
const HEDGES: &[&str] = &[
    "about",
    "up to",
    "nearly",
    "at least",
    "more than",
    "roughly",
    "almost",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const QUOTE_BODIES: &[&str] = &[
    "We will not accept any delay on the {topic}",
    "The {topic} is the top priority for everyone in {place}",
    "Nobody expected the {topic} to cost this much",
    "Our teams worked through the night to keep {place} safe",
    "This decision on the {topic} was long overdue",
    "We owe the families of {place} clear answers",
    "The {org} acted within the law at every step",
    "I have asked for a full review of the {topic}",
];
const BACKGROUND: &[&str] = &[
    "The {topic} has been debated in {place} for several years.",
    "Critics of the {org} have long argued that the {topic} was poorly planned.",
    "{place} has a population of roughly {n} thousand people.",
    "The region around {place} relies heavily on farming and tourism.",
    "Previous attempts to settle the {topic} collapsed in {year}.",
    "Local newspapers in {place} reported growing anger among residents.",
    "The {org} did not respond to requests for comment by {day} evening.",
    "Analysts expect the {topic} to dominate the next council session in {place}.",
    "A similar dispute over a {topic2} in {place2} ended in court in {year}.",
    "Officials in {place2} are watching the {topic} closely.",
    "The {org} was founded in {year} and employs {n} staff.",
    "Weather forecasters predicted heavy rain across {place} later in the week.",
];
/// Nouns and adjectives of the free-standing colour sentences (witnesses, analysts, scenes).
const NOUNS: &[&str] = &[
    "shopkeeper",
    "nurse",
    "driver",
    "farmer",
    "engineer",
    "teacher",
    "economist",
    "lawyer",
    "architect",
    "fisherman",
    "student",
    "pensioner",
    "volunteer",
    "firefighter",
    "baker",
    "electrician",
    "pharmacist",
    "journalist",
    "historian",
    "geologist",
    "carpenter",
    "surveyor",
    "chemist",
    "accountant",
    "tailor",
    "paramedic",
    "librarian",
    "mechanic",
];
const SCENES: &[&str] = &[
    "queues",
    "sirens",
    "barricades",
    "tents",
    "banners",
    "floodwater",
    "smoke",
    "debris",
    "cranes",
    "helicopters",
    "roadblocks",
    "crowds",
    "generators",
    "sandbags",
    "ambulances",
    "scaffolding",
    "leaflets",
    "candles",
    "tractors",
    "lorries",
    "searchlights",
    "placards",
    "megaphones",
    "stretchers",
    "fences",
    "puddles",
    "rubble",
    "ferries",
];
const ADJECTIVES: &[&str] = &[
    "chaotic",
    "calm",
    "tense",
    "hopeful",
    "angry",
    "exhausting",
    "unprecedented",
    "predictable",
    "worrying",
    "encouraging",
    "confusing",
    "orderly",
    "frightening",
    "disappointing",
    "remarkable",
    "costly",
    "overdue",
    "rushed",
    "careful",
    "fragile",
    "noisy",
    "quiet",
    "bitter",
    "cheerful",
    "gloomy",
    "uncertain",
    "historic",
];
const PLACES_IN: &[&str] = &[
    "market",
    "station",
    "harbour front",
    "town hall",
    "main square",
    "bus depot",
    "riverside",
    "old quarter",
    "industrial estate",
    "university campus",
    "ring road",
    "cathedral",
    "stadium car park",
    "fish market",
];
const COLOUR: &[&str] = &[
    "{W}, a {noun} who lives near the {spot}, described the mood as {adj}.",
    "{W}, a local {noun}, said the past few days had been {adj} for the whole street.",
    "Witnesses near the {spot} described {scene} and {scene2} late into the night.",
    "By {day} morning, {scene} lined the road between {place} and {V}.",
    "{W}, an economist at {V} University, called the {topic} {adj} but necessary.",
    "Footage shared by {W} showed {scene} outside the {spot} in {place}.",
    "The {adj} scenes at the {spot} drew comparisons with events in {V} years ago.",
    "{W} and {W2}, both {noun}s, waited for hours at the {spot} on {day}.",
];

const OUTLET_FORMS: &[&str] = &[
    "The {X} Herald",
    "{X} News",
    "Daily {X}",
    "The {X} Times",
    "{X} Wire",
    "The {X} Observer",
    "{X} Today",
];

/// Synonyms that keep a sentence's meaning, used both ways to paraphrase.
const SYNONYMS: &[(&str, &str)] = &[
    ("injured", "wounded"),
    ("announced", "unveiled"),
    ("approved", "endorsed"),
    ("visited", "toured"),
    ("criticised", "condemned"),
    ("rejected", "dismissed"),
    ("postponed", "delayed"),
    ("cancelled", "scrapped"),
    ("residents", "locals"),
    ("evacuated", "moved out"),
    ("meeting", "talks"),
    ("plan", "proposal"),
    ("nearly", "almost"),
    ("investigated", "probed"),
    ("praised", "hailed"),
    ("arrested", "detained"),
    ("debated", "discussed"),
    ("region", "area"),
    ("anger", "frustration"),
    ("closely", "carefully"),
    ("staff", "employees"),
    ("respond", "reply"),
    ("expected", "predicted"),
    ("funded", "financed"),
    ("blocked", "halted"),
    ("expanded", "enlarged"),
    ("described", "characterised"),
    ("waited", "queued"),
    ("necessary", "essential"),
    ("focused", "centred"),
];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A syllable-built name: "Tramoud", "Keilan", "Shouvi".
fn name(rng: &mut Rng, syllables: usize) -> String {
    let mut s = String::new();
    for _ in 0..syllables {
        s.push_str(rng.pick(ONSETS));
        s.push_str(rng.pick(VOWELS));
        if rng.chance(0.5) {
            s.push_str(rng.pick(CODAS));
        }
    }
    capitalise(&s)
}

fn place(rng: &mut Rng) -> String {
    let k = rng.range(2, 3);
    let base = name(rng, k);
    let suffix = rng.pick(PLACE_SUFFIXES);
    format!("{base}{suffix}")
}

#[derive(Clone, Debug)]
struct Person {
    name: String,
    last: String,
    role: &'static str,
}

fn person(rng: &mut Rng) -> Person {
    let k = rng.range(1, 2);
    let first = name(rng, k);
    let k = rng.range(2, 3);
    let last = name(rng, k);
    Person {
        name: format!("{first} {last}"),
        last,
        role: ROLES
            .get(rng.below(ROLES.len()))
            .copied()
            .unwrap_or("Mayor"),
    }
}

/// One checkable fact of a story.
#[derive(Clone, Debug)]
enum Fact {
    /// A person did something to the topic, on a day.
    Action { who: usize, verb: usize, day: usize },
    /// A count of people or things, maybe hedged.
    Count {
        noun: usize,
        n: u32,
        hedge: Option<usize>,
        day: usize,
    },
    /// A sum of money for the topic.
    Money { who: usize, millions: u32 },
    /// Two people met.
    Meeting {
        a: usize,
        b: usize,
        month: usize,
        date: u32,
    },
    /// A person's quote.
    Quote { who: usize, body: usize },
}

#[derive(Clone, Debug)]
struct Story {
    place: String,
    place2: String,
    org: String,
    topic: &'static str,
    topic2: &'static str,
    people: Vec<Person>,
    facts: Vec<Fact>,
    year: u32,
}

fn story(rng: &mut Rng) -> Story {
    let place = place(rng);
    let place2 = place_other(rng);
    let org = if rng.chance(0.5) {
        format!("{} {}", place, rng.pick(ORG_KINDS))
    } else {
        format!("{} Group", name(rng, 2))
    };
    let people: Vec<Person> = (0..rng.range(3, 5)).map(|_| person(rng)).collect();
    let np = people.len();
    let facts = (0..rng.range(12, 20))
        .map(|_| match rng.below(6) {
            0 | 1 => Fact::Action {
                who: rng.below(np),
                verb: rng.below(VERBS.len()),
                day: rng.below(DAYS.len()),
            },
            2 => Fact::Count {
                noun: rng.below(COUNT_NOUNS.len()),
                n: rng.range(2, 900) as u32,
                hedge: if rng.chance(0.4) {
                    Some(rng.below(HEDGES.len()))
                } else {
                    None
                },
                day: rng.below(DAYS.len()),
            },
            3 => Fact::Money {
                who: rng.below(np),
                millions: rng.range(2, 950) as u32,
            },
            4 => Fact::Meeting {
                a: rng.below(np),
                b: rng.below(np),
                month: rng.below(MONTHS.len()),
                date: rng.range(1, 28) as u32,
            },
            _ => Fact::Quote {
                who: rng.below(np),
                body: rng.below(QUOTE_BODIES.len()),
            },
        })
        .collect();
    Story {
        place,
        place2,
        org,
        topic: rng.pick(TOPICS),
        topic2: rng.pick(TOPICS),
        people,
        facts,
        year: rng.range(1990, 2023) as u32,
    }
}

fn place_other(rng: &mut Rng) -> String {
    place(rng)
}

fn fill(template: &str, story: &Story, rng: &mut Rng) -> String {
    template
        .replace("{topic2}", story.topic2)
        .replace("{topic}", story.topic)
        .replace("{place2}", &story.place2)
        .replace("{place}", &story.place)
        .replace("{org}", &story.org)
        .replace("{year}", &story.year.to_string())
        .replace("{day}", rng.pick(DAYS))
        .replace("{n}", &rng.range(3, 400).to_string())
}

/// One phrasing (chosen by `style`) of a fact of a story.
fn render(fact: &Fact, story: &Story, style: usize, rng: &mut Rng) -> String {
    let who = |i: usize| story.people.get(i).or(story.people.first());
    let fallback = Person {
        name: "Ana Lopez".into(),
        last: "Lopez".into(),
        role: "Mayor",
    };
    match fact {
        Fact::Action { who: w, verb, day } => {
            let p = who(*w).unwrap_or(&fallback);
            let (past, base) = VERBS.get(*verb).copied().unwrap_or(("visited", "visit"));
            let day = DAYS.get(*day).copied().unwrap_or("Monday");
            match style % 4 {
                0 => format!(
                    "{} {} {} the {} in {} on {}.",
                    p.role_cap(),
                    p.name,
                    past,
                    story.topic,
                    story.place,
                    day
                ),
                1 => format!(
                    "On {day}, {} {} the {} in {}, the {} said.",
                    p.name, past, story.topic, story.place, story.org
                ),
                2 => format!(
                    "The {} in {} was {} by {} {} on {}.",
                    story.topic, story.place, past, p.role, p.last, day
                ),
                _ => format!(
                    "{} said on {day} that {} would {} the {} after weeks of pressure.",
                    story.org, p.last, base, story.topic
                ),
            }
        }
        Fact::Count {
            noun,
            n,
            hedge,
            day,
        } => {
            let (noun, what) = COUNT_NOUNS
                .get(*noun)
                .copied()
                .unwrap_or(("people", "were injured"));
            let num = match hedge.and_then(|h| HEDGES.get(h)) {
                Some(h) => format!("{h} {n}"),
                None => n.to_string(),
            };
            let day = DAYS.get(*day).copied().unwrap_or("Monday");
            match style % 3 {
                0 => format!(
                    "{} {noun} {what} in {} on {day}, officials said.",
                    capitalise(&num),
                    story.place
                ),
                1 => format!(
                    "Officials in {} said {num} {noun} {what} on {day}.",
                    story.place
                ),
                _ => format!(
                    "According to the {}, {num} {noun} {what} after the {} dispute.",
                    story.org, story.topic
                ),
            }
        }
        Fact::Money { who: w, millions } => {
            let p = who(*w).unwrap_or(&fallback);
            match style % 3 {
                0 => format!(
                    "The {} will cost {millions} million dollars, {} {} told reporters.",
                    story.topic, p.role, p.name
                ),
                1 => format!(
                    "{} {} put the cost of the {} at {millions} million dollars.",
                    p.role_cap(),
                    p.last,
                    story.topic
                ),
                _ => format!(
                    "A budget of {millions} million dollars was set aside for the {} in {}.",
                    story.topic, story.place
                ),
            }
        }
        Fact::Meeting { a, b, month, date } => {
            let (pa, pb) = (who(*a).unwrap_or(&fallback), who(*b).unwrap_or(&fallback));
            let month = MONTHS.get(*month).copied().unwrap_or("May");
            match style % 3 {
                0 => format!(
                    "{} {} met {} {} in {} on {month} {date} to discuss the {}.",
                    p_cap(pa),
                    pa.name,
                    pb.role,
                    pb.name,
                    story.place,
                    story.topic
                ),
                1 => format!(
                    "On {month} {date}, {} and {} held talks about the {} in {}.",
                    pa.name, pb.name, story.topic, story.place
                ),
                _ => format!(
                    "The meeting between {} and {} on {month} {date} focused on the {}.",
                    pa.last, pb.last, story.topic
                ),
            }
        }
        Fact::Quote { who: w, body } => {
            let p = who(*w).unwrap_or(&fallback);
            let body = fill(
                QUOTE_BODIES.get(*body).copied().unwrap_or("We will act"),
                story,
                rng,
            );
            match style % 2 {
                0 => format!("\"{body},\" {} {} said.", p.role, p.name),
                _ => format!(
                    "\"{body},\" said {}, the {} of the {}.",
                    p.name, p.role, story.org
                ),
            }
        }
    }
}

fn p_cap(p: &Person) -> String {
    p.role_cap()
}

impl Person {
    fn role_cap(&self) -> String {
        capitalise(self.role)
    }
}

/// A free-standing colour sentence with fresh names (witnesses, analysts, scenes).
fn colour(story: &Story, rng: &mut Rng) -> String {
    let template = rng.pick(COLOUR);
    let mut out = template.to_string();
    for (slot, make) in [("{W2}", 0), ("{W}", 0), ("{V}", 1)] {
        if out.contains(slot) {
            let value = if make == 0 {
                let k = rng.range(1, 2);
                let first = name(rng, k);
                let k = rng.range(2, 3);
                format!("{first} {}", name(rng, k))
            } else {
                let k = rng.range(2, 3);
                name(rng, k)
            };
            out = out.replace(slot, &value);
        }
    }
    let out = out
        .replace("{noun}", rng.pick(NOUNS))
        .replace("{scene2}", rng.pick(SCENES))
        .replace("{scene}", rng.pick(SCENES))
        .replace("{adj}", rng.pick(ADJECTIVES))
        .replace("{spot}", rng.pick(PLACES_IN));
    capitalise(&fill(&out, story, rng))
}

fn outlet(rng: &mut Rng) -> String {
    rng.pick(OUTLET_FORMS).replace("{X}", &name(rng, 2))
}

fn slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// A corpus of about `claims` sentences: articles of 20 to 40 sentences, three to six per story,
/// each from a different outlet, with ids, titles, outlets and dates.
///
/// Each article tells part of its story's facts in its own phrasing (so sources confirm one
/// another with different words), and adds background sentences. The same seed always gives
/// the same corpus.
///
/// ```
/// let corpus = corroborate_synth::corpus(1, 100);
/// assert!(corpus.sources.len() >= 3);
/// assert!(corpus.sources.iter().all(|s| s.title.is_some() && s.outlet.is_some()));
/// ```
pub fn corpus(seed: u64, claims: usize) -> Corpus {
    let mut rng = Rng::new(seed);
    let mut sources = Vec::new();
    let mut total = 0usize;
    let outlets: Vec<String> = (0..40).map(|_| outlet(&mut rng)).collect();
    let mut story_no = 0usize;
    while total < claims {
        let st = story(&mut rng);
        story_no += 1;
        let articles = rng.range(3, 6);
        for a in 0..articles {
            if total >= claims {
                break;
            }
            let want = rng.range(20, 40).min(claims - total).max(1);
            let mut source = article(&mut rng, &st, story_no, a, &outlets, want);
            total += want;
            source.published = Some(format!(
                "{}-{:02}-{:02}",
                st.year + 1,
                rng.range(1, 12),
                rng.range(1, 28)
            ));
            sources.push(source);
        }
    }
    Corpus { sources }
}

/// One outlet's article of `want` sentences on a story, undated.
fn article(
    rng: &mut Rng,
    st: &Story,
    story_no: usize,
    a: usize,
    outlets: &[String],
    want: usize,
) -> Source {
    let outlet = outlets
        .get(rng.below(outlets.len()))
        .cloned()
        .unwrap_or_default();
    let style = rng.below(12);
    let mut lines: Vec<String> = Vec::with_capacity(want);
    while lines.len() < want {
        let s = if rng.chance(0.55) {
            match st.facts.get(rng.below(st.facts.len())) {
                Some(f) => render(f, st, style + rng.below(2), rng),
                None => continue,
            }
        } else if rng.chance(0.5) {
            colour(st, rng)
        } else {
            fill(rng.pick(BACKGROUND), st, rng)
        };
        if !lines.contains(&s) {
            lines.push(s);
        } else if rng.chance(0.5) {
            // Avoid endless loops on small stories: allow a fresh background line.
            lines.push(fill(rng.pick(BACKGROUND), st, rng));
        }
    }
    let mut text = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            text.push_str(if i % 3 == 0 { "\n\n" } else { " " });
        }
        text.push_str(l);
    }
    let lead = st.people.first().map_or("Officials", |p| p.last.as_str());
    let title = format!("{lead} and the {} in {}", st.topic, st.place);
    Source {
        id: format!("s{story_no:05}-{a}-{}", slug(&outlet)),
        title: Some(capitalise(&title)),
        outlet: Some(outlet),
        url: None,
        published: None,
        story: None,
        text,
    }
}

/// A mix of about `sources` articles on many stories, for the tests of story grouping: each
/// story is told by one to six outlets (a story of one is a distractor that must stay alone),
/// its articles dated within three days of each other, the stories spread over 90 days (so
/// that many share the date window) and drawn from a small set of topics (so that stories
/// share words such as "bridge" or "hospital" without being one). An article's story is the
/// first part of its id, `s00012` in `s00012-3-the-daily-x`: see [`story_of_id`].
///
/// ```
/// let mix = corroborate_synth::story_mix(5, 60);
/// assert!(mix.sources.len() >= 60);
/// assert!(mix.sources.iter().all(|s| s.published.is_some()));
/// let stories: std::collections::HashSet<&str> =
///     mix.sources.iter().map(|s| corroborate_synth::story_of_id(&s.id)).collect();
/// assert!(stories.len() >= 10, "{}", stories.len());
/// assert_eq!(mix, corroborate_synth::story_mix(5, 60));
/// ```
pub fn story_mix(seed: u64, sources: usize) -> Corpus {
    let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9).wrapping_add(3));
    let outlets: Vec<String> = (0..40).map(|_| outlet(&mut rng)).collect();
    let mut out = Vec::with_capacity(sources + 6);
    let mut story_no = 0usize;
    while out.len() < sources {
        let st = story(&mut rng);
        story_no += 1;
        let articles = if rng.chance(0.2) { 1 } else { rng.range(2, 6) };
        let base = 20_000 + rng.below(90) as i64;
        for a in 0..articles {
            let want = rng.range(8, 24);
            let mut source = article(&mut rng, &st, story_no, a, &outlets, want);
            let (y, m, d) = civil_from_days(base + rng.below(4) as i64);
            source.published = Some(format!("{y}-{m:02}-{d:02}"));
            out.push(source);
        }
    }
    Corpus { sources: out }
}

/// The story of an article of [`story_mix`] (or [`corpus`]), from its id.
pub fn story_of_id(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}

/// The civil date of a day number (days since 1970-01-01).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// How a sentence of a synthetic page relates to the corpus it was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A corpus sentence, reworded (synonyms, moved attribution or date) or copied.
    Paraphrase,
    /// A corpus sentence with a changed number, place or role, or a negation.
    Contradiction,
    /// A corpus sentence with a hedge added before its number ("up to 40").
    Hedged,
    /// A new sentence that no source makes.
    Fresh,
}

/// Where a page sentence came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Index of the source in the corpus.
    pub source: usize,
    /// The source's sentence, as written there.
    pub sentence: String,
}

/// One sentence of a synthetic page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageSentence {
    /// The sentence as written on the page.
    pub text: String,
    /// How it relates to the corpus.
    pub kind: Kind,
    /// The corpus sentence it was made from (`None` for fresh sentences).
    pub origin: Option<Origin>,
}

/// A synthetic page with the story of each of its sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page's text.
    pub text: String,
    /// Its sentences, in order.
    pub sentences: Vec<PageSentence>,
}

/// A page of about `words` words made from `from`: see [`page_with_origins`].
///
/// ```
/// let corpus = corroborate_synth::corpus(3, 200);
/// let page = corroborate_synth::page(3, 1000, &corpus);
/// assert!(page.split_whitespace().count() >= 1000);
/// ```
pub fn page(seed: u64, words: usize, from: &Corpus) -> String {
    page_with_origins(seed, words, from).text
}

/// A page of at least `words` words (one sentence more at most) made from the sentences of
/// `from`, starting at a source chosen by the seed and going on through the following ones:
/// about 45% paraphrases, 15% contradictions, 10% hedged copies and 30% fresh sentences.
/// An empty corpus gives a page of fresh sentences only.
pub fn page_with_origins(seed: u64, words: usize, from: &Corpus) -> Page {
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(17));
    let fresh_story = story(&mut rng);
    let mut out = Page {
        text: String::new(),
        sentences: Vec::new(),
    };
    let mut count = 0usize;
    let n = from.sources.len();
    let mut src = rng.below(n);
    let mut pool: Vec<(usize, String)> = Vec::new();
    let mut guard = 0usize;
    while count < words && guard < words * 4 + 100 {
        guard += 1;
        if pool.is_empty() && n > 0 {
            if let Some(s) = from.sources.get(src % n) {
                pool = sentences(&s.text)
                    .into_iter()
                    .rev()
                    .filter_map(|r| s.text.get(r))
                    .map(|t| (src % n, t.to_string()))
                    .collect();
            }
            src += 1;
        }
        let roll = rng.below(100);
        let made = if roll < 30 || pool.is_empty() {
            let f = fresh_story
                .facts
                .get(rng.below(fresh_story.facts.len()))
                .cloned();
            f.map(|f| {
                (
                    render(&f, &fresh_story, rng.below(4), &mut rng),
                    Kind::Fresh,
                    None,
                )
            })
        } else {
            let Some((source, sentence)) = pool.pop() else {
                continue;
            };
            let (text, kind) = if roll < 75 {
                (paraphrase(&sentence, &mut rng), Kind::Paraphrase)
            } else if roll < 90 {
                match contradict(&sentence, &mut rng) {
                    Some(t) => (t, Kind::Contradiction),
                    None => (paraphrase(&sentence, &mut rng), Kind::Paraphrase),
                }
            } else {
                match hedge(&sentence, &mut rng) {
                    Some(t) => (t, Kind::Hedged),
                    None => (paraphrase(&sentence, &mut rng), Kind::Paraphrase),
                }
            };
            Some((text, kind, Some(Origin { source, sentence })))
        };
        let Some((text, kind, origin)) = made else {
            continue;
        };
        count += text.split_whitespace().count();
        if !out.text.is_empty() {
            out.text.push_str(if out.sentences.len() % 4 == 0 {
                "\n\n"
            } else {
                " "
            });
        }
        out.text.push_str(&text);
        out.sentences.push(PageSentence { text, kind, origin });
    }
    out
}

/// Replace the first whole-word occurrence of `from` in `s`.
fn replace_word(s: &str, from: &str, to: &str) -> Option<String> {
    let mut start = 0;
    while let Some(i) = s.get(start..).and_then(|r| r.find(from)).map(|i| i + start) {
        let before = s.get(..i).and_then(|b| b.chars().next_back());
        let after = s.get(i + from.len()..).and_then(|a| a.chars().next());
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(format!("{}{to}{}", s.get(..i)?, s.get(i + from.len()..)?));
        }
        start = i + from.len();
    }
    None
}

/// Reword a sentence: swap synonyms and move a trailing attribution to the front.
fn paraphrase(s: &str, rng: &mut Rng) -> String {
    let mut out = s.to_string();
    let mut swaps = 0;
    let offset = rng.below(SYNONYMS.len());
    for k in 0..SYNONYMS.len() {
        let Some(&(a, b)) = SYNONYMS.get((k + offset) % SYNONYMS.len()) else {
            continue;
        };
        let (from, to) = if rng.chance(0.5) { (a, b) } else { (b, a) };
        if let Some(t) = replace_word(&out, from, to).or_else(|| replace_word(&out, to, from)) {
            out = t;
            swaps += 1;
            // Two swaps only in long sentences, so that a paraphrase stays closest to its origin.
            if swaps == 2 || out.split_whitespace().count() < 14 {
                break;
            }
        }
    }
    // "X happened, officials said." → "Officials said X happened."
    if let Some(body) = out.strip_suffix(", officials said.") {
        let body = body.to_string();
        let mut c = body.chars();
        if let Some(f) = c.next() {
            let lower: String = if c.clone().next().is_some_and(char::is_lowercase) {
                f.to_lowercase().chain(c).collect()
            } else {
                body.clone()
            };
            out = format!("Officials said that {lower}.");
        }
    } else if let Some(rest) = out.strip_prefix("On ") {
        // "On Monday, X did Y." → "X did Y on Monday."
        if let Some((day, body)) = rest.split_once(", ") {
            if DAYS.contains(&day) {
                if let Some(body) = body.strip_suffix('.') {
                    out = format!("{} on {day}.", capitalise(body));
                }
            }
        }
    }
    out
}

/// Make a sentence say something incompatible: another number, a negation, another role or
/// another place.
fn contradict(s: &str, rng: &mut Rng) -> Option<String> {
    // Numbers.
    for w in s.split(|c: char| !c.is_ascii_digit()) {
        if let Ok(n) = w.parse::<u32>() {
            if (1..1_000_000).contains(&n) && !(1900..2100).contains(&n) {
                let m = n + 1 + rng.below(n as usize / 2 + 5) as u32;
                return replace_word(s, w, &m.to_string());
            }
        }
    }
    for (aux, neg) in [
        ("was", "was not"),
        ("were", "were not"),
        ("will", "will not"),
        ("would", "would not"),
    ] {
        if let Some(t) = replace_word(s, aux, neg) {
            return Some(t);
        }
    }
    for role in ROLES {
        for cased in [role.to_string(), capitalise(role)] {
            if s.contains(cased.as_str()) {
                let other = ROLES.get(
                    (ROLES.iter().position(|r| r == role).unwrap_or(0) + 1 + rng.below(5))
                        % ROLES.len(),
                )?;
                let other = if cased.starts_with(|c: char| c.is_uppercase()) {
                    capitalise(other)
                } else {
                    other.to_string()
                };
                return replace_word(s, &cased, &other);
            }
        }
    }
    // "in Place" → "in Other".
    let i = s.find(" in ")?;
    let rest = s.get(i + 4..)?;
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    if word.starts_with(|c: char| c.is_uppercase()) {
        replace_word(s, &word, &place(rng))
    } else {
        None
    }
}

/// Put a hedge before the first plain number of a sentence.
fn hedge(s: &str, rng: &mut Rng) -> Option<String> {
    if HEDGES.iter().any(|h| s.contains(&format!("{h} "))) {
        return None;
    }
    for w in s.split(|c: char| !c.is_ascii_digit()) {
        if let Ok(n) = w.parse::<u32>() {
            if !(1900..2100).contains(&n) {
                let h = rng.pick(HEDGES);
                return replace_word(s, w, &format!("{h} {w}"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let cases = [(1u64, 100usize), (2, 1000), (3, 5000)];
        for (seed, claims) in cases {
            let a = corpus(seed, claims);
            assert_eq!(a, corpus(seed, claims), "{seed}");
            let n: usize = a.sources.iter().map(|s| sentences(&s.text).len()).sum();
            assert!(
                n >= claims && n <= claims + claims / 5 + 5,
                "{seed}: {n} for {claims}"
            );
            assert!(a.sources.iter().all(|s| !s.text.contains('?')), "{seed}");
            let ids: std::collections::HashSet<&str> =
                a.sources.iter().map(|s| s.id.as_str()).collect();
            assert_eq!(ids.len(), a.sources.len(), "{seed}: ids are unique");
        }
        assert_ne!(corpus(1, 100), corpus(2, 100));
    }

    #[test]
    fn vocabulary_is_wide() {
        let c = corpus(5, 5000);
        let mut words = std::collections::HashSet::new();
        for s in &c.sources {
            for t in corroborate::tokenize(&s.text) {
                words.insert(t.norm);
            }
        }
        assert!(words.len() > 2000, "{}", words.len());
    }

    #[test]
    fn transforms_table() {
        let mut rng = Rng::new(1);
        let cases = [
            (
                "Five people were injured in Lyon, officials said.",
                "Officials said that",
            ),
            (
                "On Monday, Mayor Ana Lopez visited the bridge.",
                "on Monday.",
            ),
        ];
        for (input, want) in cases {
            let got = paraphrase(input, &mut rng);
            assert!(got.contains(want), "{input:?} → {got:?}");
        }
        let cases = [
            ("Officials said 40 homes lost power.", "40"),
            ("The bridge was opened by Mayor Lopez.", "was opened"),
            ("The Mayor met the judge in Lyon today.", "Mayor"),
        ];
        for (input, gone) in cases {
            let got = contradict(input, &mut rng).unwrap_or_default();
            assert!(
                !got.is_empty() && !got.contains(gone),
                "{input:?} → {got:?}"
            );
        }
        let cases = [
            ("Officials said 40 homes lost power.", Some(true)),
            ("Up to 40 homes lost power, about 3 said.", None),
            ("No numbers in here at all.", None),
        ];
        for (input, want) in cases {
            let got = hedge(input, &mut rng);
            assert_eq!(
                got.as_ref().map(|g| g.len() > input.len()),
                want,
                "{input:?} → {got:?}"
            );
        }
        assert_eq!(
            replace_word("cat concat cat", "cat", "dog").as_deref(),
            Some("dog concat cat")
        );
        assert_eq!(replace_word("concat", "cat", "dog"), None);
    }

    #[test]
    fn page_has_all_kinds_and_origins() {
        let c = corpus(9, 2000);
        let p = page_with_origins(4, 3000, &c);
        for kind in [
            Kind::Paraphrase,
            Kind::Contradiction,
            Kind::Hedged,
            Kind::Fresh,
        ] {
            assert!(p.sentences.iter().any(|s| s.kind == kind), "{kind:?}");
        }
        for s in &p.sentences {
            assert!(p.text.contains(&s.text));
            if let Some(o) = &s.origin {
                assert!(c.sources[o.source].text.contains(&o.sentence));
            }
        }
        let empty = page_with_origins(1, 50, &Corpus::default());
        assert!(empty.sentences.iter().all(|s| s.kind == Kind::Fresh) && !empty.text.is_empty());
    }
}
