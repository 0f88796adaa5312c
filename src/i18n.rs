//! Every word a user reads comes from the message catalogue: Fluent files under
//! `locales/zh-CN/` and `locales/en/`, one file per area, embedded in the binary by `build.rs`.
//!
//! The language is chosen once per run (the command line: `--lang`, `GOUJI_LANG`, `gouji.toml`,
//! the locale) or once per server (the editor's `initialize.locale`) and set with
//! [`set_process_lang`]; code that must speak another language — a test, the language server's
//! thread — runs in it with [`with_lang`], which holds for the current thread only. Nothing else
//! changes the language, so tests running in parallel each get the language they ask for.
//!
//! ```text
//! tr!("check-headline-sum", name = "（七）总计", place = place)
//! ```
//! Codes (R040…), JSON and SARIF field names never change with the language.

use fluent_bundle::concurrent::FluentBundle;
pub use fluent_bundle::FluentArgs;
use fluent_bundle::{FluentResource, FluentValue};
use std::cell::Cell;
use std::sync::OnceLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// The languages gouji speaks. Chinese is the default: the people who use gouji read Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The directory of the catalogue (`locales/TAG/`) and the BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// A language asked for by name: `zh`, `zh-CN`, `zh_CN.UTF-8`, `中文`, `en`, `en-US`, `English`…
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_', '.', '@']).next().unwrap_or("");
        match base {
            "zh" | "cn" | "chinese" | "中文" | "简体中文" | "汉语" => Some(Lang::Zh),
            "en" | "english" | "英文" | "英语" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a locale setting (`LANG=en_US.UTF-8`): English for `en…`, Chinese for
    /// everything else, `C` and `POSIX` included (the users are Chinese).
    pub fn from_locale(s: &str) -> Lang {
        if s.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The language of a run: the command line's `--lang`, then `GOUJI_LANG`, then `lang` in
    /// `gouji.toml`, then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`). A value that names no
    /// language is skipped.
    pub fn choose(
        cli: Option<&str>,
        config: Option<&str>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Lang {
        if let Some(l) = cli.and_then(Lang::parse) {
            return l;
        }
        if let Some(l) = env("GOUJI_LANG").as_deref().and_then(Lang::parse) {
            return l;
        }
        if let Some(l) = config.and_then(Lang::parse) {
            return l;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = env(var).filter(|v| !v.trim().is_empty()) {
                return Lang::from_locale(&v);
            }
        }
        Lang::Zh
    }
}

thread_local! {
    static CURRENT: Cell<Option<Lang>> = const { Cell::new(None) };
}
static PROCESS: OnceLock<Lang> = OnceLock::new();

/// The language of the whole process, set once at start by the command line. Later calls
/// change nothing. Tests never call it (they use [`with_lang`]).
pub fn set_process_lang(lang: Lang) {
    let _ = PROCESS.set(lang);
}

/// The language messages are built in on this thread.
pub fn current() -> Lang {
    CURRENT
        .with(|c| c.get())
        .or_else(|| PROCESS.get().copied())
        .unwrap_or_default()
}

/// Run `f` with messages in `lang` on this thread; the previous language is restored after.
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0;
            CURRENT.with(|c| c.set(prev));
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(Some(lang))));
    f()
}

/// Set this thread's language for the rest of its life (a server's own thread).
pub fn set_thread_lang(lang: Lang) {
    CURRENT.with(|c| c.set(Some(lang)));
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static ZH: OnceLock<Bundle> = OnceLock::new();
    static EN: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    cell.get_or_init(|| build(lang))
}

fn build(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: terminals and editors show them as boxes.
    b.set_use_isolating(false);
    for (tag, _file, text) in embedded::FILES {
        if *tag != lang.tag() {
            continue;
        }
        // A resource with a syntax error keeps its good messages; the catalogue test fails on it.
        let res = match FluentResource::try_new(text.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = b.add_resource(res);
    }
    b
}

/// The catalogue's files: (language tag, file name, text). For the catalogue test.
pub fn catalogue_files() -> &'static [(&'static str, &'static str, &'static str)] {
    embedded::FILES
}

/// A message of the catalogue in the current language.
pub fn t(id: &str, args: Option<&FluentArgs>) -> String {
    t_in(current(), id, args)
}

/// A message of the catalogue in `lang`. A message missing in `lang` comes from the other
/// language; a missing id is shown as itself (the catalogue test keeps both from happening).
pub fn t_in(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let other = match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    for l in [lang, other] {
        let b = bundle(l);
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let s = b.format_pattern(pattern, args, &mut errors);
            return s.into_owned();
        }
    }
    id.to_string()
}

/// Whether the catalogue has a message `id` in `lang`.
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// A value for a message argument.
pub fn arg<'a>(v: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    v.into()
}

/// Items joined as a list is written in the current language (`甲、乙、丙` / `a, b, c`).
pub fn join(items: &[String]) -> String {
    items.join(&t("list-separator", None))
}

/// `tr!("id")` or `tr!("id", name = value, …)`: a message of the catalogue in the current
/// language. Values are strings or numbers (numbers choose plural forms in English).
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::i18n::t($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::arg($value)); )+
        $crate::i18n::t($id, Some(&args))
    }};
}
