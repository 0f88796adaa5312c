# Mistakes in rule files (src/compile). Keywords in their English form.

build-kind = { $kind ->
    [row-group] row group
    [column-group] column group
   *[other] {$kind}
}
build-item = { $item ->
    [aliases] `aliases`
    [header] `header`
    [example] an `example`
    [amend] `amend` (it only works in a rule set that `extends` another)
    [remove] `remove` (it only works in a rule set that `extends` another)
    [form] a `form`
    [field] a `field` (it belongs in a `form`)
    [group-when] a `group` with `when` (it belongs in a `form`)
   *[other] a `{$item}`
}
build-misplaced = { $place ->
    [regulation] {build-item} cannot stand directly in a regulation (put it inside a `section`)
    [section] {build-item} cannot stand in a section
    [table] {build-item} cannot stand in a table
    [block] {build-item} cannot stand inside another block or group
    [form] {build-item} cannot stand in a form
   *[other] {build-item} cannot stand here
}
build-not-allowed-here = not allowed here
build-years-backwards = the year range {$from}..{$to} runs backwards
build-years-backwards-here = the first year must not be after the last
build-no-years = `{$name}` does not say which report years it governs
build-no-years-here = no `report_years` here or in the rule set it extends
build-no-years-help = add a line such as `report_years 2021..`
build-empty-label = the label of this {$what} is empty
build-empty-label-here = nothing here to find in a report
build-empty-label-help = write the label as the report prints it, or leave it out to use the name
build-duplicate = {$what} `{$name}` is declared twice
build-declared-again = declared again here
build-first-declared = first declared here
build-duplicate-help = give each one its own name
build-no-code = no diagnostic code `{$code}`
build-not-a-code = not a code
build-no-code-help = `gouji explain` lists the codes
build-table-no-rows = table `{$name}` has no rows
build-table-no-rows-here = no `row` in this table
build-table-no-rows-help = declare the table's rows with `row NAME "label"`
build-no-columns = {$what} `{$name}` has rows but no columns
build-no-columns-here = no `column` or `columns` here
build-no-columns-help = declare the columns its rows have cells in
build-inline-blocks = inline table `{$name}` cannot have blocks
build-inline-blocks-here = `inline` reads every row in one run after one header
build-no-cell = this check names no cell
build-no-cell-here = only numbers here
build-no-cell-help = name rows, columns or cells of the table
build-never-rows = this check can never be evaluated: no row has cells in all these columns
build-never-columns = this check can never be evaluated: no column has cells in all these rows
build-different-blocks = the names here belong to different blocks
build-one-block-help = a check can only combine lines of one block
build-text-cells = this check adds up text cells
build-text-cells-here = these cells hold text, not numbers
build-mixes-kinds = this check mixes counts with amounts
build-this-is = this is {$kind}
build-mixes-kinds-help = compare counts with counts and amounts with amounts
build-unknown = no {$what} named `{$name}`
build-not-declared = not declared
build-did-you-mean = did you mean `{$name}`?
build-fix-replace = replace with `{$name}`
build-qualified-in-each = a qualified name cannot stand in an `each row` or `each column` check
build-qualified-in-each-here = use a plain row or column name here
build-group-empty = group `{$name}` is empty
build-group-empty-here = nothing to add up
build-sum-single = `sum` needs a group, and `{$name}` is a single {$what}
build-not-a-group = not a group
build-sum-single-help = write `{$name}` without `sum(…)`
build-is-group = `{$name}` is a group: write `sum({$name})`
build-not-in-lines = `{$name}` is not one of the {$what}s this check adds up
build-a-group = a group of lines
build-this-is-column = this is a column
build-this-is-row = this is a row
build-each-help = `each column` adds up rows; `each row` adds up columns
build-which-cell = name a cell as `row.column` or `table.row.column`, or add `each row` / `each column`
build-which-cell-here = which cell is this?
build-no-cell-in-column = row `{$row}` has no cell in column `{$column}`
build-row-column-blocks = they belong to different blocks
build-rule-set-twice = `{$name} {$version}` is declared twice
build-years-overlap = report years {$years} of `{$name} {$version}` overlap years {$other_years} of `{$other_name} {$other_version}`
build-these-years = these years
build-overlap-these = overlap these
build-years-overlap-help = a report year must pick exactly one rule set: make the ranges disjoint
build-extends-cycle = `{$name}` extends itself through a cycle
build-no-base = no rule set `{$name} {$version}` to extend
build-not-found = not found
build-fix-extend = extend `{$version}`
build-known-versions = known versions of `{$name}`: {$versions}
build-not-in-base = `{$name}` is not in the rule set being extended
build-nothing-to-change = nothing to change with this name

cell-kind-count = a count
cell-kind-signed = a signed count
cell-kind-amount-in = an amount in {$unit}
cell-kind-amount = an amount
cell-kind-text = text

# Syntax errors in rule files (src/syntax).

# leaves out: zh
syntax-keyword = `{$en}`
syntax-punct = `{$text}`
syntax-found = `{$text}`
syntax-or = {$first} or {$last}
syntax-thing = { $thing ->
    [eof] the end of the file
    [name] a name
    [version-name] a version name such as `2021`
    [year] a four-digit year
    [cell-kind] a cell kind (`count`, `signed`, `amount`, `text`)
    [unit] a unit such as `万元`
    [int] a whole number
    [quantifier] `each row` or `each column`
    [severity] `error`, `warning` or `note`
    [expr] a sum such as `自然人 + 商业企业`
    [op] `+` or `-`
    [sum] `sum(…)`
    [reference] a row, column or group name
    [cmp] a comparison (`=`, `>=`, `<=`, `!=`, `>`, `<`)
    [number] a number
    [string] a quoted label such as "（七）总计"
    [amend-kind] `section`, `table`, `group` or `block`
    [mentioned] `mentioned`
    [code-name] a diagnostic code such as `R040`
    [text-block] a text block between `"""` marks
    [doc] a `///` comment
    [scaled] a term times or divided by a number (`2 * 新收`, `新收 / 2`)
    [factor] a number or a percentage such as `50%`
    [when-prose] `when text(SECTION) < N`
    [when-number] a condition such as `when 总计 > 0`
    [zh-cmp] `少于`, `多于`, `不少于`, `不多于` or `等于`
    [phrase] a quoted phrase such as "收到…申请{"{"}件数{"}"}件"
    [field-kind] a field kind (`count`, `text`, `yesno`, `choice`, `date`)
    [year-offset] `report_year`, e.g. `report_year+1`
    [month-day] a month and day such as `01-31`
    [group-when] `when FIELD = "…"`
   *[other] {$thing}
}
syntax-stray-close = a `{"}"}` with nothing open
syntax-stray-close-here = this closes nothing
syntax-stray-close-help = remove it, or check the `{"{"}` above it
syntax-unclosed = the file ends before this {$what} is closed
syntax-unclosed-here = expected `{"}"}` here
syntax-unclosed-help = add the missing `{"}"}`
syntax-line-unreadable = this line cannot be read here
syntax-label-not-closed = the label `{$label}` is not closed
syntax-label-not-closed-here = add `{$close}` at the end of the label
syntax-unexpected = unexpected {$found}
syntax-cannot-start-line = {$found} cannot start a line here
syntax-expected-found = expected {$expected}, found {$found}
syntax-expected-at-line-end = expected {$expected} at the end of this line
syntax-not-expected-here = not expected here
syntax-not-a-keyword-here = not a keyword that can stand here
syntax-expected-here = expected {$expected} here
syntax-line-starts-with = a line here starts with {$expected}
syntax-cannot-stand-here = {$unexpected} cannot stand here
syntax-name-with-blank = a name cannot contain a blank: did you mean `{$name}`?
syntax-fix-write = write `{$name}`
recover-not-closed = `{$opener}` (line {$line}) is not closed: its `{"}"}` is missing
recover-end-here = the block should end here: add `{"}"}`
recover-this-block = this block
recover-indented-note = the next line is indented like the block's first line, so it no longer belongs to the block
recover-help = add `{"}"}` on a line of its own after line {$line}
build-division-by-zero = division by zero
build-division-by-zero-here = this divides by 0
build-sum-text = sum({$name})

# Mistakes in facts.
fact-bad-phrase = this phrase cannot be used: {$why}
fact-the-phrase = the phrase
fact-bad-phrase-help = write the words as the report does, `{"{"}数{"}"}` where the number stands and `…` for a few words that vary, e.g. "收到…申请{"{"}件数{"}"}件"
fact-mixes-kinds = this fact mixes counts with amounts
fact-year-and-cells = this fact adds a year to cells
fact-a-cell = a cell
fact-a-year = a year
fact-year-and-cells-help = compare a year with `report_year` (± a number), and a count with cells
fact-previous = `previous.` cannot stand in a `fact`
fact-previous-here = a fact compares the prose with this report's tables
fact-previous-help = compare with last year's report in a table `check`
fact-name-in-full = in a `fact`, name a cell in full: `table.row.column`
fact-which-table = which table is this in?
fact-name-in-full-help = for example `表三.新收.总计`
fact-report-year-only = `report_year` can only stand in a `fact`
fact-report-year-only-here = a table check compares cells
fact-report-year-only-help = state the year in a `fact` about the prose
phrase-open-brace = a `{"{"}` without its `{"}"}`
phrase-two-numbers = two numbers stand side by side
phrase-close-brace = a `{"}"}` without its `{"{"}`
phrase-no-number = the phrase has no `{"{"}…{"}"}` where the number stands
phrase-many-numbers = the phrase has more than one `{"{"}…{"}"}`; a fact compares one number
phrase-no-words = the phrase has no words to find
phrase-gap-at-end = a `…` at either end of a phrase means nothing
syntax-too-deep = blocks are nested more than {$max} deep
syntax-too-deep-here = this `{"{"}` opens level {$level}
syntax-too-deep-note = gouji reads rule files whose `{"{"} … {"}"}` blocks nest at most {$max} deep; the file was not read
