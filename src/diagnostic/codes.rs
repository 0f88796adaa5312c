//! Stable diagnostic codes. `G…` codes are about rule files, `R…` codes about reports.
//! Every code has an explanation in `explanations/zh-CN/CODE.md` and `explanations/en/CODE.md`
//! (printed by `gouji explain CODE` in the current language), a title in the catalogue
//! (`code-title-CODE` in `locales/*/codes.ftl`) and a fixture under `tests/fixtures/` that emits
//! it; `tests/codes.rs` fails if any is missing.

use super::Severity;
use serde::Serialize;

macro_rules! codes {
    ($($name:ident = $text:literal, $sev:ident, $title:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($name,)* }
        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];
            pub fn as_str(self) -> &'static str { match self { $(Code::$name => $text,)* } }
            pub fn default_severity(self) -> Severity { match self { $(Code::$name => Severity::$sev,)* } }
            /// A few words on what the code is about, in the current language.
            pub fn title(self) -> String {
                crate::i18n::t(&format!("code-title-{}", self.as_str()), None)
            }
            /// The English title as written here (for SARIF's machine-facing rule names).
            pub fn title_en(self) -> &'static str { match self { $(Code::$name => $title,)* } }
            /// What `gouji explain` prints, in the current language.
            pub fn explanation(self) -> &'static str {
                self.explanation_in(crate::i18n::current())
            }
            pub fn explanation_in(self, lang: crate::i18n::Lang) -> &'static str {
                match lang {
                    crate::i18n::Lang::Zh => match self { $(Code::$name => include_str!(concat!("explanations/zh-CN/", $text, ".md")),)* },
                    crate::i18n::Lang::En => match self { $(Code::$name => include_str!(concat!("explanations/en/", $text, ".md")),)* },
                }
            }
        }
    };
}

codes! {
    // ── rule files ──
    SyntaxError = "G001", Error, "the rule file cannot be parsed here";
    UnknownName = "G002", Error, "a name that is not declared";
    DuplicateName = "G003", Error, "the same name declared twice";
    TypeMismatch = "G004", Error, "a check mixes counts with amounts";
    NeverEvaluable = "G005", Error, "a check that can never be evaluated";
    OverlappingYears = "G006", Error, "two rule sets claim the same report year";
    UnknownBase = "G007", Error, "`extends` names a rule set that does not exist";
    BadValue = "G008", Error, "a value that makes no sense here";
    TooDeep = "G009", Error, "blocks nested deeper than gouji reads";
    BadPhrase = "G020", Error, "a `fact` phrase the matcher cannot use";
    OnlyInFact = "G021", Error, "`report_year` outside a `fact`";
    PreviousMisplaced = "G022", Error, "`previous.` where last year's report cannot be read";
    FieldNotNumber = "G040", Error, "a check adds up a form field that holds no number";
    BadPattern = "G041", Error, "a field's pattern cannot be used";
    BadCondition = "G042", Error, "a group's condition names no yes/no or choice answer";
    // ── reading reports ──
    Unreadable = "R001", Error, "the file cannot be read as a report";
    NoYear = "R002", Warning, "the report year cannot be found";
    NoRuleSet = "R003", Error, "no rule set covers the report year";
    WrongFormat = "R004", Error, "a table follows another format than the report year's";
    SectionMissing = "R010", Error, "a required section is missing";
    SectionMisnumbered = "R011", Error, "a section heading carries the wrong number";
    SectionDuplicated = "R012", Error, "a section appears twice";
    SectionExtra = "R013", Error, "a section the format does not have";
    HeadingWording = "R014", Warning, "a heading worded differently from the format";
    TopicMissing = "R015", Warning, "a topic the section should cover is not mentioned";
    Truncated = "R016", Error, "the report ends early";
    TableMissing = "R020", Error, "a table cannot be found";
    RowMissing = "R021", Error, "a table row cannot be found";
    RowTooFewCells = "R022", Error, "a row has fewer numbers than cells";
    RowTooManyCells = "R023", Error, "a row has more numbers than cells";
    LabelWording = "R024", Warning, "a row label worded differently from the format";
    BlankCell = "R030", Warning, "a cell holds no value";
    LetterForDigit = "R031", Error, "a letter where a digit belongs";
    UnitInCell = "R032", Warning, "a unit written inside a cell";
    NegativeCount = "R033", Error, "a negative number in a column that is not signed";
    TextInCell = "R034", Error, "text in a number cell";
    DigitsRunTogether = "R035", Warning, "digits run together and cannot be split with certainty";
    DigitsSplit = "R036", Note, "digits run together, split by the table's own totals";
    CellsUnplaced = "R037", Warning, "a row's values cannot be placed in its cells";
    IdentityFails = "R040", Error, "numbers that must tie out do not";
    IdentityUncheckable = "R041", Warning, "an identity cannot be checked";
    MentionMissing = "R050", Warning, "a section does not say what it must";
    SectionEmpty = "R051", Warning, "a prose section is empty";
    TextContradictsTable = "R070", Warning, "a figure in the text differs from the table";
    OtherYear = "R071", Warning, "the text of this year's work names another year";
    YearsDoNotFollow = "R072", Warning, "a figure does not follow from last year's report";
    RollupMismatch = "R073", Warning, "a roll-up cell is not the sum of the reports it aggregates";
    RollupIncomplete = "R074", Warning, "a roll-up cannot be checked: reports it aggregates are missing";
    // ── containers (web pages, Word, PDF, OFD) ──
    OldOfficeFile = "R100", Error, "an old binary Office or WPS file";
    EncryptedFile = "R101", Error, "an encrypted or password-protected file";
    DamagedFile = "R102", Error, "a damaged file, or one this build cannot read";
    FileTooLarge = "R103", Error, "a file too large, or one that inflates too much";
    XmlEntities = "R104", Error, "XML declaring a DOCTYPE or entities";
    NotAReportContainer = "R105", Error, "a zip archive that is no Word or OFD document";
    // ── fixed-layout files (PDF, OFD) ──
    ScannedImage = "R110", Error, "a PDF or OFD without a text layer (a scanned image)";
    Encrypted = "R111", Error, "an encrypted or password-protected PDF or OFD";
    CorruptFixed = "R112", Error, "a damaged PDF or OFD file";
    PdfReaderFailed = "R113", Error, "gouji's PDF reader cannot read this PDF";
    FixedTooLarge = "R114", Error, "a PDF or OFD too large to read safely";
    XmlDoctype = "R115", Error, "an OFD part with a DOCTYPE or entity definitions";
    PdfToolFailed = "R116", Error, "`--pdf-tool pdftotext` failed";
    UnmappedText = "R117", Error, "a PDF whose text layer has no character map (glyph codes, not text)";
    FieldMissing = "R090", Error, "a field of the form cannot be found";
    FieldBlank = "R091", Error, "a required field is blank";
    FieldKindWrong = "R092", Error, "a field's value is not of its kind";
    FieldNoMatch = "R093", Error, "a field's value is not in the form asked for";
    DateOutOfRange = "R094", Error, "a date outside the stretch the rules allow";
    FieldNotAsked = "R095", Error, "a field filled in although its answer says it does not apply";
}

impl Code {
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim().to_ascii_uppercase();
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
