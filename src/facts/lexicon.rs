//! Small word tables: places, nationalities, roles, organisation cues, speech verbs, hedges,
//! antonyms and the synonyms of counted nouns. Kept short on purpose: the crate also ships as
//! WebAssembly.

use crate::words::{self, RoleDef, ANTONYMS, ROLES};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Countries and a few regions: normalised name → canonical country code.
const COUNTRIES: &[(&str, &str)] = &[
    ("afghanistan", "af"),
    ("albania", "al"),
    ("algeria", "dz"),
    ("america", "us"),
    ("angola", "ao"),
    ("argentina", "ar"),
    ("armenia", "am"),
    ("australia", "au"),
    ("austria", "at"),
    ("azerbaijan", "az"),
    ("bahrain", "bh"),
    ("bangladesh", "bd"),
    ("belarus", "by"),
    ("belgium", "be"),
    ("bolivia", "bo"),
    ("bosnia", "ba"),
    ("brazil", "br"),
    ("britain", "gb"),
    ("brunei", "bn"),
    ("bulgaria", "bg"),
    ("burma", "mm"),
    ("cambodia", "kh"),
    ("cameroon", "cm"),
    ("canada", "ca"),
    ("chad", "td"),
    ("chile", "cl"),
    ("china", "cn"),
    ("colombia", "co"),
    ("congo", "cd"),
    ("costa rica", "cr"),
    ("croatia", "hr"),
    ("cuba", "cu"),
    ("cyprus", "cy"),
    ("czech republic", "cz"),
    ("czechia", "cz"),
    ("denmark", "dk"),
    ("ecuador", "ec"),
    ("egypt", "eg"),
    ("el salvador", "sv"),
    ("england", "gb"),
    ("eritrea", "er"),
    ("estonia", "ee"),
    ("ethiopia", "et"),
    ("finland", "fi"),
    ("france", "fr"),
    ("georgia", "ge"),
    ("germany", "de"),
    ("ghana", "gh"),
    ("greece", "gr"),
    ("guatemala", "gt"),
    ("haiti", "ht"),
    ("honduras", "hn"),
    ("hungary", "hu"),
    ("iceland", "is"),
    ("india", "in"),
    ("indonesia", "id"),
    ("iran", "ir"),
    ("iraq", "iq"),
    ("ireland", "ie"),
    ("israel", "il"),
    ("italy", "it"),
    ("ivory coast", "ci"),
    ("jamaica", "jm"),
    ("japan", "jp"),
    ("jordan", "jo"),
    ("kazakhstan", "kz"),
    ("kenya", "ke"),
    ("kosovo", "xk"),
    ("kuwait", "kw"),
    ("kyrgyzstan", "kg"),
    ("laos", "la"),
    ("latvia", "lv"),
    ("lebanon", "lb"),
    ("libya", "ly"),
    ("lithuania", "lt"),
    ("luxembourg", "lu"),
    ("madagascar", "mg"),
    ("malaysia", "my"),
    ("mali", "ml"),
    ("malta", "mt"),
    ("mexico", "mx"),
    ("moldova", "md"),
    ("mongolia", "mn"),
    ("montenegro", "me"),
    ("morocco", "ma"),
    ("mozambique", "mz"),
    ("myanmar", "mm"),
    ("nepal", "np"),
    ("netherlands", "nl"),
    ("new zealand", "nz"),
    ("nicaragua", "ni"),
    ("niger", "ne"),
    ("nigeria", "ng"),
    ("north korea", "kp"),
    ("norway", "no"),
    ("oman", "om"),
    ("pakistan", "pk"),
    ("palestine", "ps"),
    ("panama", "pa"),
    ("paraguay", "py"),
    ("peru", "pe"),
    ("philippines", "ph"),
    ("poland", "pl"),
    ("portugal", "pt"),
    ("qatar", "qa"),
    ("romania", "ro"),
    ("russia", "ru"),
    ("rwanda", "rw"),
    ("saudi arabia", "sa"),
    ("scotland", "gb"),
    ("senegal", "sn"),
    ("serbia", "rs"),
    ("singapore", "sg"),
    ("slovakia", "sk"),
    ("slovenia", "si"),
    ("somalia", "so"),
    ("south africa", "za"),
    ("south korea", "kr"),
    ("south sudan", "ss"),
    ("spain", "es"),
    ("sri lanka", "lk"),
    ("sudan", "sd"),
    ("sweden", "se"),
    ("switzerland", "ch"),
    ("syria", "sy"),
    ("taiwan", "tw"),
    ("tajikistan", "tj"),
    ("tanzania", "tz"),
    ("thailand", "th"),
    ("tunisia", "tn"),
    ("turkey", "tr"),
    ("turkmenistan", "tm"),
    ("uganda", "ug"),
    ("uk", "gb"),
    ("ukraine", "ua"),
    ("united arab emirates", "ae"),
    ("united kingdom", "gb"),
    ("united states", "us"),
    ("united states of america", "us"),
    ("uruguay", "uy"),
    ("us", "us"),
    ("u.s", "us"),
    ("u.s.a", "us"),
    ("usa", "us"),
    ("u.k", "gb"),
    ("uae", "ae"),
    ("uzbekistan", "uz"),
    ("venezuela", "ve"),
    ("vietnam", "vn"),
    ("viet nam", "vn"),
    ("wales", "gb"),
    ("yemen", "ye"),
    ("zambia", "zm"),
    ("zimbabwe", "zw"),
];

/// Cities (and a few regions): normalised name → country code.
const CITIES: &[(&str, &str)] = &[
    ("abu dhabi", "ae"),
    ("addis ababa", "et"),
    ("amsterdam", "nl"),
    ("ankara", "tr"),
    ("athens", "gr"),
    ("atlanta", "us"),
    ("baghdad", "iq"),
    ("bangkok", "th"),
    ("barcelona", "es"),
    ("beijing", "cn"),
    ("beirut", "lb"),
    ("belgrade", "rs"),
    ("berlin", "de"),
    ("bern", "ch"),
    ("bogota", "co"),
    ("bordeaux", "fr"),
    ("boston", "us"),
    ("brussels", "be"),
    ("bucharest", "ro"),
    ("budapest", "hu"),
    ("buenos aires", "ar"),
    ("cairo", "eg"),
    ("california", "us"),
    ("canberra", "au"),
    ("cape town", "za"),
    ("caracas", "ve"),
    ("chicago", "us"),
    ("copenhagen", "dk"),
    ("da nang", "vn"),
    ("dakar", "sn"),
    ("damascus", "sy"),
    ("danang", "vn"),
    ("delhi", "in"),
    ("dhaka", "bd"),
    ("doha", "qa"),
    ("dubai", "ae"),
    ("dublin", "ie"),
    ("edinburgh", "gb"),
    ("florida", "us"),
    ("frankfurt", "de"),
    ("gaza", "ps"),
    ("geneva", "ch"),
    ("hai phong", "vn"),
    ("haiphong", "vn"),
    ("hamburg", "de"),
    ("hanoi", "vn"),
    ("havana", "cu"),
    ("helsinki", "fi"),
    ("ho chi minh city", "vn"),
    ("hong kong", "cn"),
    ("houston", "us"),
    ("hue", "vn"),
    ("islamabad", "pk"),
    ("istanbul", "tr"),
    ("jakarta", "id"),
    ("jerusalem", "il"),
    ("johannesburg", "za"),
    ("kabul", "af"),
    ("karachi", "pk"),
    ("kharkiv", "ua"),
    ("kyiv", "ua"),
    ("kiev", "ua"),
    ("kuala lumpur", "my"),
    ("kyoto", "jp"),
    ("lagos", "ng"),
    ("lille", "fr"),
    ("lima", "pe"),
    ("lisbon", "pt"),
    ("london", "gb"),
    ("los angeles", "us"),
    ("lyon", "fr"),
    ("madrid", "es"),
    ("manchester", "gb"),
    ("manila", "ph"),
    ("marseille", "fr"),
    ("melbourne", "au"),
    ("mexico city", "mx"),
    ("miami", "us"),
    ("milan", "it"),
    ("minsk", "by"),
    ("montreal", "ca"),
    ("moscow", "ru"),
    ("mumbai", "in"),
    ("munich", "de"),
    ("nairobi", "ke"),
    ("nantes", "fr"),
    ("naples", "it"),
    ("new delhi", "in"),
    ("new york", "us"),
    ("new york city", "us"),
    ("nice", "fr"),
    ("odesa", "ua"),
    ("odessa", "ua"),
    ("osaka", "jp"),
    ("oslo", "no"),
    ("ottawa", "ca"),
    ("paris", "fr"),
    ("phnom penh", "kh"),
    ("prague", "cz"),
    ("pyongyang", "kp"),
    ("quebec", "ca"),
    ("rio de janeiro", "br"),
    ("riyadh", "sa"),
    ("rome", "it"),
    ("saigon", "vn"),
    ("san francisco", "us"),
    ("sao paulo", "br"),
    ("seattle", "us"),
    ("seoul", "kr"),
    ("shanghai", "cn"),
    ("st petersburg", "ru"),
    ("stockholm", "se"),
    ("strasbourg", "fr"),
    ("sydney", "au"),
    ("taipei", "tw"),
    ("tehran", "ir"),
    ("tel aviv", "il"),
    ("texas", "us"),
    ("tokyo", "jp"),
    ("toronto", "ca"),
    ("toulouse", "fr"),
    ("vancouver", "ca"),
    ("vienna", "at"),
    ("vientiane", "la"),
    ("warsaw", "pl"),
    ("washington", "us"),
    ("yangon", "mm"),
    ("zurich", "ch"),
];

/// Nationality adjectives → country code (for "the Vietnamese defense minister").
const NATIONALITIES: &[(&str, &str)] = &[
    ("afghan", "af"),
    ("american", "us"),
    ("argentine", "ar"),
    ("australian", "au"),
    ("austrian", "at"),
    ("belgian", "be"),
    ("brazilian", "br"),
    ("british", "gb"),
    ("cambodian", "kh"),
    ("canadian", "ca"),
    ("chinese", "cn"),
    ("cuban", "cu"),
    ("czech", "cz"),
    ("danish", "dk"),
    ("dutch", "nl"),
    ("egyptian", "eg"),
    ("filipino", "ph"),
    ("finnish", "fi"),
    ("french", "fr"),
    ("german", "de"),
    ("greek", "gr"),
    ("indian", "in"),
    ("indonesian", "id"),
    ("iranian", "ir"),
    ("iraqi", "iq"),
    ("irish", "ie"),
    ("israeli", "il"),
    ("italian", "it"),
    ("japanese", "jp"),
    ("korean", "kr"),
    ("lao", "la"),
    ("laotian", "la"),
    ("malaysian", "my"),
    ("mexican", "mx"),
    ("nigerian", "ng"),
    ("norwegian", "no"),
    ("pakistani", "pk"),
    ("palestinian", "ps"),
    ("polish", "pl"),
    ("portuguese", "pt"),
    ("russian", "ru"),
    ("saudi", "sa"),
    ("singaporean", "sg"),
    ("soviet", "ru"),
    ("spanish", "es"),
    ("swedish", "se"),
    ("swiss", "ch"),
    ("syrian", "sy"),
    ("taiwanese", "tw"),
    ("thai", "th"),
    ("turkish", "tr"),
    ("ukrainian", "ua"),
    ("venezuelan", "ve"),
    ("vietnamese", "vn"),
];

/// What kind of place a lookup found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    Country,
    City,
    Nationality,
}

fn places() -> &'static HashMap<&'static str, (PlaceKind, &'static str)> {
    static MAP: OnceLock<HashMap<&'static str, (PlaceKind, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for &(n, c) in NATIONALITIES {
            m.insert(n, (PlaceKind::Nationality, c));
        }
        for &(n, c) in CITIES {
            m.insert(n, (PlaceKind::City, c));
        }
        for &(n, c) in COUNTRIES {
            m.insert(n, (PlaceKind::Country, c));
        }
        m
    })
}

/// Look up a normalised place name ("kuala lumpur", "u.s", "vietnamese").
pub(crate) fn place(norm: &str) -> Option<(PlaceKind, &'static str)> {
    places().get(norm).copied()
}

/// Role families: offices in the same family can be told apart; a family-wide generic word
/// ("lawmaker", "minister") is compatible with every office of its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Compatible with any role: "official", "leader".
    Any,
    /// Cabinet members: defense, foreign affairs, treasury, justice.
    Cabinet,
    /// Members of a legislature.
    Legislature,
    /// Heads of state, government or party.
    Head,
    /// Military ranks.
    Military,
    /// Business titles.
    Business,
    /// Spokespeople.
    Press,
    /// Anything else with a single office: mayor, governor, ambassador, judge.
    Other,
}

use Family::*;

/// Role patterns by first word, longest first.
pub(crate) fn roles_starting(word: &str) -> &'static [&'static RoleDef] {
    static MAP: OnceLock<HashMap<&'static str, Vec<&'static RoleDef>>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<&'static RoleDef>> = HashMap::new();
        for d in ROLES {
            if let Some(first) = d.words.first() {
                m.entry(first).or_default().push(d);
            }
        }
        for v in m.values_mut() {
            crate::sort::sort_by(v, |a, b| b.words.len().cmp(&a.words.len()));
        }
        m
    });
    map.get(word).map_or(&[], Vec::as_slice)
}

/// Offices that can be held by the same person at once (or are often used for one another).
const COMPATIBLE_OFFICES: &[(&str, &str)] = &[
    ("president", "party_chief"),
    ("ceo", "chair"),
    ("ceo", "founder"),
    ("chair", "founder"),
];

/// True when one person could be described by both roles.
pub(crate) fn offices_compatible(a: (&str, Family), b: (&str, Family)) -> bool {
    let ((oa, fa), (ob, fb)) = (a, b);
    if fa == Any || fb == Any {
        return true;
    }
    if fa == fb && (oa == ob || oa.is_empty() || ob.is_empty()) {
        return true;
    }
    COMPATIBLE_OFFICES
        .iter()
        .any(|&(x, y)| (x == oa && y == ob) || (x == ob && y == oa))
}

/// Words that mark a capitalised span as an organisation.
pub(crate) fn is_org_cue(norm: &str) -> bool {
    words::contains(words::ORG_CUES, norm)
}

/// Words that mark a capitalised span as a named thing (event, programme, treaty), not a person.
pub(crate) fn is_thing_cue(norm: &str) -> bool {
    words::contains(words::THING_CUES, norm)
}

/// Verbs of saying that attribute a quote to a speaker.
pub(crate) fn is_speech_verb(norm: &str) -> bool {
    words::contains(words::SPEECH_VERBS, norm)
}

/// Subject pronouns: a speaker we cannot name.
pub(crate) fn is_pronoun(norm: &str) -> bool {
    words::contains(words::PRONOUNS, norm)
}

/// Honorifics in front of a name.
pub(crate) fn is_honorific(norm: &str) -> bool {
    words::contains(words::HONORIFICS, norm)
}

/// Canonical form of a counted noun's stem: synonyms share one.
pub(crate) fn unit_canon(stem: &str) -> &str {
    match stem {
        "troop" | "soldier" | "servicemember" | "servicemen" | "serviceman" => "troop",
        "injur" | "wound" | "hurt" => "injur",
        "kill" | "dead" | "death" | "die" | "died" | "fatality" => "dead",
        "people" | "peopl" | "person" | "individual" | "resident" | "civilian" => "people",
        "jet" | "fighter" | "aircraft" | "plane" | "warplane" | "airplane" => "aircraft",
        "trip" | "visit" | "tour" => "visit",
        "boat" | "vessel" | "ship" => "ship",
        "year" | "anniversary" | "yr" => "year",
        "month" => "month",
        "week" => "week",
        "day" => "day",
        "hour" | "hr" => "hour",
        "minute" | "minut" | "min" => "minute",
        "percent" | "percentag" | "pct" | "per" => "percent",
        "dollar" => "usd",
        "child" | "children" | "kid" => "child",
        "car" | "vehicl" | "vehicle" => "vehicle",
        "arrest" | "detain" | "detaine" => "arrest",
        _ => stem,
    }
}

/// Counted nouns that say little on their own ("5 people were injured": the slot is "injured").
pub(crate) fn is_generic_unit(canon: &str) -> bool {
    matches!(
        canon,
        "people" | "other" | "men" | "women" | "member" | "tim"
    )
}

/// The antonym pair of a word: (pair index, side, weak).
pub(crate) fn antonym(norm: &str) -> Option<(u8, bool, bool)> {
    static MAP: OnceLock<HashMap<&'static str, (u8, bool, bool)>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (i, (a, b, weak)) in ANTONYMS.iter().enumerate() {
            for w in a.iter() {
                m.insert(*w, (i as u8, false, *weak));
            }
            for w in b.iter() {
                m.insert(*w, (i as u8, true, *weak));
            }
        }
        m
    });
    // Every word in the table is 2 to 12 bytes long: skip the hash for the others.
    if !(2..=12).contains(&norm.len()) {
        return None;
    }
    map.get(norm).copied()
}

/// Negation cue words (besides words ending in "n't").
pub(crate) fn is_negation(norm: &str) -> bool {
    words::contains(words::NEGATIONS, norm) || norm.ends_with("n't")
}

/// Words skipped between a negation cue and the predicate it negates.
pub(crate) fn is_negation_filler(norm: &str) -> bool {
    words::contains(words::NEGATION_FILLERS, norm)
}

/// Auxiliaries quoted together with the predicate ("was charged"): the finite ones of
/// [`words::AUXILIARIES`], "be", "been" and "do", and any negated form ("didn't").
pub(crate) fn is_aux(norm: &str) -> bool {
    words::contains(words::AUXILIARIES, norm)
        || matches!(norm, "be" | "been" | "do")
        || norm.ends_with("n't")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_lookup() {
        let cases = [
            ("hanoi", Some((PlaceKind::City, "vn"))),
            ("vietnam", Some((PlaceKind::Country, "vn"))),
            ("u.s", Some((PlaceKind::Country, "us"))),
            ("kuala lumpur", Some((PlaceKind::City, "my"))),
            ("russian", Some((PlaceKind::Nationality, "ru"))),
            ("hegseth", None),
        ];
        for (name, want) in cases {
            assert_eq!(place(name), want, "{name:?}");
        }
    }

    #[test]
    fn role_patterns_are_lower_case_and_unique() {
        for (i, d) in ROLES.iter().enumerate() {
            for w in d.words {
                assert_eq!(*w, w.to_lowercase());
            }
            for e in &ROLES[i + 1..] {
                assert_ne!(d.words, e.words, "duplicate role pattern");
            }
        }
    }

    #[test]
    fn office_compatibility() {
        let cases = [
            (("defense", Cabinet), ("defense", Cabinet), true),
            (("defense", Cabinet), ("representative", Legislature), false),
            (
                ("representative", Legislature),
                ("senator", Legislature),
                false,
            ),
            (("", Legislature), ("senator", Legislature), true),
            (("", Legislature), ("defense", Cabinet), false),
            (("", Any), ("defense", Cabinet), true),
            (("president", Head), ("party_chief", Head), true),
            (("president", Head), ("prime_minister", Head), false),
            (("", Cabinet), ("foreign", Cabinet), true),
            (("defense", Cabinet), ("foreign", Cabinet), false),
        ];
        for (a, b, want) in cases {
            assert_eq!(offices_compatible(a, b), want, "{a:?} {b:?}");
            assert_eq!(offices_compatible(b, a), want, "{b:?} {a:?}");
        }
    }

    #[test]
    fn antonym_words_are_short_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (a, b, _) in ANTONYMS {
            for w in a.iter().chain(b.iter()) {
                assert!((2..=12).contains(&w.len()), "{w}");
                assert!(seen.insert(*w), "{w} twice");
            }
        }
    }

    #[test]
    fn antonym_lookup() {
        let cases = [
            ("rose", Some(false)),
            ("fell", Some(true)),
            ("seized", None),
            ("after", Some(true)),
        ];
        for (w, want) in cases {
            assert_eq!(antonym(w).map(|(_, side, _)| side), want, "{w:?}");
        }
    }
}
