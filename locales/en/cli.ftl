# The command line (src/cli): output, errors and the summary.

test-rule-set = {$regulation} {$version} ({$file})
test-line = line {$line}
test-passes = passes
test-produces = produces {$codes}
test-exercises = {$result}; exercises {$checks}
test-ok = ok    {$place} ({$line}): {$result}
test-fail = FAIL  {$place} ({$line})
test-missing = MISSING  no example makes check `{$check}` of table `{$table}` fail ({$place})
test-summary = {$examples} examples: {$passed} passed, {$failed} failed; {$unfired} checks or facts without an example that makes them fail
test-should-pass = should pass, but: {$severity}[{$code}] {$message}
test-should-produce = should produce {$code}, but does not

fmt-not-utf8 = not UTF-8 text
fmt-cannot-read = cannot read `{$path}`: {$error}
fmt-has-errors = `{$path}` has syntax errors; it was not formatted
fmt-would-reformat = would reformat {$path}
fmt-cannot-write = cannot write `{$path}`: {$error}
fmt-formatted = formatted {$path}
fmt-cannot-convert = the keywords of `{$path}` cannot be converted (the result would mean something else); the file is unchanged

cli-cannot-read-stdin = cannot read standard input: {$error}
cli-cannot-read = cannot read `{$path}`: {$error}
cli-text-no-csv = `--text` prints text, or JSON with `--format json`; it has no CSV form
cli-is-a-folder = `{$path}` is a folder; name the report files in it
cli-file-problem = `{$path}`: {$problem}
cli-too-large-unsized = `{$path}`: still going after {$max} bytes, more than the {$max} bytes a report can be; reading stopped
cli-no-such-file = no such file
cli-permission-denied = permission denied
cli-io-error = {$error}
cli-rules-not-utf8 = rule file `{$path}` is not UTF-8 text; save it as UTF-8
cli-rules-have-errors = { $count ->
    [one] the rule files have {$count} error; fix them before checking reports
   *[other] the rule files have {$count} errors; fix them before checking reports
}
cli-rules-define-nothing = the rule files define no rule set
cli-summary = checked { $files ->
    [one] {$files} file
   *[other] {$files} files
}: { $errors ->
    [one] {$errors} error
   *[other] {$errors} errors
}, { $warnings ->
    [one] {$warnings} warning
   *[other] {$warnings} warnings
}, { $notes ->
    [one] {$notes} note
   *[other] {$notes} notes
}
cli-summary-unreadable = {$summary}, { $failed ->
    [one] {$failed} file could not be read
   *[other] {$failed} files could not be read
}
cli-no-such-code = no diagnostic code `{$code}`; `gouji explain` lists them all
cli-rules-years = report years {$years}
cli-rules-extends = (extends {$version})
cli-lsp-on-a-terminal = this is the gouji language server; an editor starts it and talks to it over standard input and output (see README.md, "Editors")
cli-cannot-read-folder = cannot read the folder `{$path}`: {$error}
cli-empty-folder = the folder `{$path}` holds no report (.txt, .md, .html, .mhtml, .docx, .pdf or .ofd files)

# Command-line help (clap).

cli-help-template = {"{"}about-with-newline{"}"}
    Usage: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-value-command = COMMAND
cli-usage-line = Usage: {$usage}
cli-more-help = For more information, try `gouji --help`
cli-arg-help = Print help
cli-arg-version = Print version
cli-error-unknown-argument = unexpected argument `{$arg}`
cli-error-unknown-command = no command `{$command}`
cli-error-invalid-value = invalid value `{$value}` for `{$arg}`
cli-error-missing = a required argument is missing: {$arg}
cli-error-missing-command = name a command
cli-error-conflict = `{$arg}` cannot be used with `{$other}`
cli-error-values = wrong number of values for `{$arg}`
cli-error-other = the command line is not right
cli-error-valid-values = possible values: {$values}
cli-error-did-you-mean = did you mean `{$suggestion}`?

cli-about = 勾稽 — checks 政府信息公开工作年度报告 against their format's rules
cli-about-check = Check reports: every broken rule, pointing at the report's own cells
cli-about-extract = Print what was read from reports: year, sections, every cell with its labels and line
cli-about-explain = Explain a diagnostic code (`gouji explain R040`); without a code, list them all
cli-about-rules = List the rule sets: their years and issuing documents
cli-about-test = Run the examples written in rule files; fail when one fails or a check is never exercised
cli-about-lsp = Run the language server over stdio (started by an editor)
cli-about-fmt = Format rule files in place (or check that they are formatted)
cli-arg-lang = Language of the messages: zh (Chinese, the default) or en (English)
cli-value-lang = LANG
cli-arg-check-files = Report files (text, web pages, Word `.docx`, PDF, OFD) or folders; `-` reads standard input (its kind told by content, or by `--stdin-filename`'s extension)
cli-arg-extract-files = Report files (text, web pages, Word `.docx`, PDF, OFD) or folders
cli-value-files = FILES
cli-arg-rule_files = Add these rule files to the bundled rules: a rule set of yours (which may `extends` a bundled one) governs the report years it names, the bundled ones the other years
cli-value-rule_files = FILE
cli-arg-year = The report year, when the title does not say it (or says it wrongly)
cli-value-year = YEAR
cli-arg-check-format = Output format: human (the default), json, sarif
cli-arg-extract-format = Output format: json (the default) or csv; with `--text`, json gives the lines read as JSON (paragraphs, and table rows with each cell's text as the report has it and the columns it fills)
cli-value-format = FORMAT
cli-arg-color = Colour: auto (the default: only on a terminal), always, never
cli-value-color = WHEN
cli-arg-quiet = Print only the summary line (and errors reading files)
cli-arg-stdin_filename = Name shown for standard input
cli-value-stdin_filename = NAME
cli-arg-code = A diagnostic code such as R040
cli-value-code = CODE
cli-arg-test-files = Rule files (default: the bundled rules)
cli-arg-fmt-files = Rule files
cli-arg-check = Change nothing; exit 1 if a file is not formatted
cli-arg-keywords = Write every keyword in Chinese (zh) or English (en)
cli-value-keywords = LANG
cli-options-placeholder = [OPTIONS]
test-check-at = {$check} ({$place})
test-no-table-read = no table of the example was read, so no check ran
cli-governs-none = governs no year
cli-governs = governs {$years}
cli-governs-other-years = {" "}({$what}; the other years: {$versions})

# gouji impact, reviewed findings, --no-bundled.
cli-about-impact = What a rule change does to a folder of reports: findings that appear and disappear
cli-arg-impact-files = Report files or folders to check with both rule sets
cli-arg-impact-rules = The changed rule files (added to the bundled rules, as in `gouji check --rules`)
cli-value-rules = FILE
cli-arg-base = The rules to compare with: rule files (added to the bundled rules), or `bundled` (the default) for the bundled rules alone
cli-value-base = FILE|bundled
cli-arg-examples = How many examples to show for each rule
cli-value-examples = N
cli-arg-impact-format = Output format: human (the default) or json
cli-arg-no_bundled = Check with the `--rules` files alone, not with the bundled rules for the other years
cli-arg-baseline = Hide the findings recorded in this file (reviewed and kept); the summary says how many
cli-value-baseline = FILE
cli-arg-write_baseline = Record every finding of this run in this file (reasons already given are kept)
cli-value-write_baseline = FILE
cli-arg-show_baselined = Show the findings the baseline records too, marked as reviewed (they do not count)
test-missing-fact = MISSING  no example makes fact `{$fact}` fail ({$place})
cli-tally = { $reports ->
    [one] {$reports} report: {$clean} without errors, {$errors} with errors
   *[other] {$reports} reports: {$clean} without errors, {$errors} with errors
}
cli-tally-unreadable = , {$count} could not be read
cli-tally-first-code = ; {$code} ×{$count}
cli-tally-next-code = , {$code} ×{$count}
cli-exit-codes = Exit status:
    {"  "}0  no errors (warnings and notes do not count)
    {"  "}1  errors found in the reports (`check`); a file not formatted (`fmt --check`); an example that fails (`test`)
    {"  "}2  usage error, a file that cannot be read, or errors in the rule files
cli-report-not-rules = `{$path}` looks like a report, not a rule file (it has no `regulation`); check it with `gouji check {$path}`
cli-cannot-keep = cannot keep the reports for the checks across reports in a temporary file: {$error}
cli-cannot-write-summary = cannot write the summary `{$path}`: {$error}
cli-summary-kind = `--summary {$path}`: name an .html file (a web page) or a .csv file (a table)
cli-arg-summary = Also write an overview of the batch: a Chinese web page (`.html`) or a table (`.csv`)
cli-value-summary = FILE
cli-arg-jobs = Check this many reports at once (default: one per core)
cli-value-jobs = N
cli-arg-no_progress = No progress bar (it is shown only on a terminal, for long batches)
cli-arg-no_bom = With `--format csv`: no UTF-8 byte-order mark at the start (by default it is written, so that Excel and WPS show the Chinese labels correctly)
cli-arg-pdf_tool = Which program reads PDF text: builtin (gouji's own reader, the default) or pdftotext (poppler's, when gouji's reader fails on a file; cells are then rebuilt from spacing only)
cli-value-pdf_tool = TOOL
cli-arg-stdin_format = What standard input (`-`) holds: text, html, mhtml (a page saved as one file), docx, pdf or ofd; by default its kind is told by its content (then by `--stdin-filename`'s extension)
cli-value-stdin_format = FORMAT
cli-arg-extract-text = Print the text gouji read instead (one table row per line, `|` between cells)
