# Findings of the reader (src/report): year, sections, tables, cells.

report-no-rules = there are no rules to check this report against
report-rule-set-covers = {$regulation} {$version} covers {$years}
report-no-rule-set-for-year = no rule set covers report year {$year}
report-year-is = the report year is {$year}
report-no-rule-set-help = name a year with `--year`, or give rules for this year with `--rules`
report-no-year = the report year cannot be found in the title
report-no-year-here = no year such as `2023年` in the title
report-no-year-checked-against = checked against {$rule_set} ({$years}), the format its tables match
report-no-year-help = put the year in the title, or name it with `--year`

years-onward = {$from} onward
years-one = {$year}
years-range = {$from}–{$to}

quoted = `{$text}`
list-or = {" or "}

decode-empty = the file is empty
decode-too-large = the file is {$size} bytes, more than the {$max} bytes a report can be
decode-binary = the file is not text (it holds binary data), nor a web page, Word (.docx), PDF or OFD file gouji reads; save the report as one of these and check it again
decode-unknown-encoding = the file is neither UTF-8 nor GB18030/GBK text, and its encoding cannot be told

sections-misnumbered = heading `{$heading}` is numbered {$found} where {$expected} belongs
sections-should-be = should be `{$label}`
sections-fix-renumber = renumber as `{$label}`
sections-no-number = heading `{$heading}` has no section number
sections-format-writes = the format writes `{$label}`
sections-reworded = heading `{$heading}` is worded differently from the format
sections-fix-wording = use the official wording `{$label}`
sections-truncated = the report ends early, inside section `{$label}`
sections-none-found = none of the report's sections can be found
sections-text-ends-here = the text ends here
sections-not-found-after = not found after this point: {$labels}
sections-truncated-help = if the page was cut off when it was saved, check the complete report; otherwise add the missing sections
sections-twice = section `{$label}` appears twice
sections-again-here = again here
sections-first-here = first here
sections-extra = heading `{$heading}` is not a section of the format
sections-format-has = the format has {$count} sections
sections-extra-help = move this content into one of the format's sections
sections-takes-number = heading `{$heading}` takes the number of section `{$label}`
sections-format-section-is = the format's section {$number} is `{$label}`
sections-takes-number-help = keep the format's six sections and their order; put other headings inside them
sections-topic-missing = section `{$label}` does not cover `{$topic}`
sections-topics-missing = section `{$label}` does not cover {$count} of its {$total} topics
sections-topic-expected-here = expected in this section
sections-not-mentioned = not mentioned: {$topics}
sections-topic-help = cover each topic, even in one sentence (the format lists them under this heading)
sections-missing = section `{$label}` is missing
sections-should-be-inside = `{$label}` should be inside this section
sections-empty = section `{$label}` is empty
sections-only-none = section `{$label}` only says `无`
sections-needs-content = this section needs content
sections-mention-missing = section `{$label}` does not mention {$phrases}
sections-mention-nothing = nothing about this in the section
sections-should-stand-here = `{$label}` should stand here, after the table
sections-should-come-before = `{$label}` should come before this
sections-missing-help = add the heading `{$label}` and its content

list-and = {" and "}

tables-wrong-format = table {$tables} follows the {$other} format, but a {$year} report must use the {$format} format
tables-label-belongs-to = this label belongs to the {$version} format
tables-formats-govern = {$other} governs reports for {$other_years}; {$format} governs reports for {$years}
tables-read-with = the table was read and checked with the {$version} format
tables-use-format = use the table of the {$format} format
tables-this-table-too = this table too
tables-missing = table `{$label}` cannot be found
tables-no-row-here = no row of the table under this heading
tables-looked-for = looked for row labels such as `{$label}`
tables-image-help = if the table was published as an image, type its numbers in as text
tables-row-no-label = row `{$row}` has no label; its numbers are read by their position
tables-read-as = read as `{$label}`
tables-write-label = write the label `{$label}` before these numbers
# leaves out: table
tables-row-missing = row `{$row}` of table `{$label}` is missing
tables-row-before = `{$row}` should come before this row
tables-row-after = `{$row}` should come after this row
tables-row-missing-help = add the row with its numbers (0 where there is nothing to report)
tables-label-differs = row label `{$written}` differs from the format's `{$label}`
tables-read-as-this-row = read as this row
tables-fix-label = use the official label `{$label}`
tables-no-numbers-after-header = no {$count} numbers after the table's header under this heading
tables-no-numbers = {$what} has no numbers
tables-too-few = {$what} has {$found} numbers for {$cells} cells
tables-too-many = {$what} has {$found} numbers but only {$cells} cells
tables-expected-numbers = expected numbers after this label
tables-values-here = {$found} values here
tables-label-after-label = the label is followed directly by the next label
tables-cannot-tell-cells = gouji cannot tell which cell each number belongs to, so the row's cells are read as unreadable
tables-one-value-per-cell = write one value per cell, 0 where there is nothing to report
tables-this-row = this row
tables-blank = { $count ->
    [one] {$what}: {$columns} holds no value
   *[other] {$what}: {$columns} hold no value
}
tables-no-value-here = no value here
tables-blank-note = a blank, `-`, `/` or `—` is not a number: identities that need it cannot be checked
tables-blank-help = write 0 where there is nothing to report
tables-no-value = no value
tables-in-this-row = in this row
tables-run-together = {$what}: digits run together and can be split more than one way
tables-no-separators = no separators between these numbers
tables-left-unreadable = {$count} of {$cells} cells are left unreadable rather than guessed
tables-left-unreadable-some = {$count} of {$cells} cells are left unreadable rather than guessed; the others are read because every possible split agrees on them
tables-separate-help = separate the numbers with tabs or spaces
tables-split = {$what}: digits run together; read as {$values}
tables-split-note = {$count} splits fit the number of cells; this is the only one whose totals add up

# leaves out: guess, count
cells-letter = cell {$cell} holds `{$raw}`, a letter where a digit belongs
cells-letter-here = a letter, not a digit
cells-letter-note = gouji does not guess what was meant; the cell is unreadable and identities that need it cannot be checked
cells-letter-help = { $count ->
    [one] if {$guess} was meant, write the digit {$guess}
   *[other] if {$guess} was meant, write the digits {$guess}
}
cells-text = cell {$cell} holds text, not a number: `{$raw}`
cells-not-a-number = not a number
cells-text-help = write the number, or 0
cells-negative = cell {$cell} holds a negative count, `{$raw}`
cells-negative-here = counts cannot be negative
cells-fraction = cell {$cell} holds `{$raw}`, but it counts whole items
cells-fraction-here = not a whole number
cells-other-unit = cell {$cell} is in {$unit}, but the column is in {$column_unit}
cells-written-in = written in {$unit}
cells-other-unit-note = gouji does not convert units in a report; the cell is unreadable and identities that need it cannot be checked
cells-other-unit-help = write the amount in {$column_unit} without a unit
cells-unit = cell {$cell} has a unit written in it, `{$raw}`
cells-unit-here = `{$unit}` belongs in the header, not the cell
cells-unit-help = write the number alone
sections-table-no-text = section `{$label}` has a table but no text
sections-read-as-format-writes = read as `{$label}`; the format writes `{$label}`
sections-before-footer = `{$label}` should come before the page footer
sections-footer-note = the text ends with the web page's footer, so the report is complete without this section
sections-only-says = section `{$label}` only says `{$text}`
sections-too-short = section `{$label}` has only {$count} characters of text, `{$text}`
sections-min-chars = the rules ask for at least {$count} characters here (punctuation and blanks not counted)
tables-a-year-report = a {$year} report
tables-this-report = this report
tables-header-wrong-format = the header of table `{$label}` uses the words of the {$other} format, but {$report} must use the {$format} format
tables-header-word = a header word of the {$version} format
tables-rows-of-format = the table's rows are those of the {$version} format, so it was read and checked with that format
tables-use-header = use the header of the {$format} format's table
tables-holds-no-values = {$what} holds no values
tables-no-values-after-label = no values after this label
tables-blank-row-note = a blank is not a number: identities that need these cells cannot be checked
tables-unplaced = { $count ->
    [one] {$what}: {$count} value for {$cells} cells, with empty lines or separators between them
   *[other] {$what}: {$count} values for {$cells} cells, with empty lines or separators between them
}
tables-unplaced-note = an empty line may be a blank cell or only spacing, so which cell each value belongs to cannot be told: the row's cells are unreadable, and identities that need them cannot be checked
tables-digits-too-long = a run of digits this long is no single number: gouji does not try to split it
tables-too-many-splits = more than {$count} ways to split them: gouji does not weigh them
tables-splits-fit = {$count} ways to split them fit the row
cells-glued = cell {$cell}: `{$raw}` runs into the text after it, and where its number ends cannot be told
cells-glued-here = no separator between this number and the text
cells-glued-note = a date, a year or a percentage follows without a break: gouji does not guess which digits are the cell's; the cell is unreadable
cells-glued-help = separate the cell from the text that follows
cells-negative-amount = cell {$cell} holds a negative amount, `{$raw}`
cells-negative-amount-here = the column is not signed: amounts cannot be negative
cells-negative-amount-help = write the amount of the year (0 or more); explain a refund or a correction in the text
report-not-a-report = this does not look like an annual report: not one heading of a section, row of a table or field of a form was found, so nothing was checked
report-not-a-report-here = no part of a report is found from here on
report-not-a-report-formats = the formats gouji knows: {$formats}
report-not-a-report-help = make sure this is the report itself (not a notice, a list of attachments or another page of the site); a report published as a web page, Word, PDF or OFD file can be given to gouji as it is
