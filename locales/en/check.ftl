# Identities checked against the report (src/check). Labels and numbers come from the report.

# leaves out: table
check-place-row = row `{$row}`
# leaves out: table
check-place-column = column `{$column}`
# leaves out: table
check-place-table = table `{$label}`
check-place-form = form `{$label}`
check-cell = `{$row}` × `{$column}`
check-cell-plain = {$row} × {$column}
check-term = {$name} {$value}
check-zeros-left-out = {$sum} (and {$zeros} cells of 0)
check-uncheckable-entry = `{$identity}` in {$places}
check-uncheckable-one = `{$identity}` cannot be checked in {$place}
check-uncheckable-places = `{$identity}` cannot be checked in {$count} places
# leaves out: table
check-uncheckable-many = {$count} identities of table `{$label}` cannot be checked
check-uncheckable-here = no number here
check-uncheckable-cells = cells without a number: {$cells}
check-uncheckable-cells-more = cells without a number: {$cells} and {$more} more
check-uncheckable-not-checked = not checked: {$checks}
check-uncheckable-help = fill in every cell (0 where there is nothing to report) so the identities can be checked
check-mention-disagrees = the text says `{$phrase}`, but `{$row}` × `{$column}` is {$value}
# leaves out: value, sum
check-sum-does-not-add-up = `{$name}` does not add up in {$place}
# leaves out: left, negated, right
check-identity-does-not-hold = `{$identity}` does not hold in {$place}
check-here-not = this is {$value}, not {$expected}
check-here-expected = this is {$value}, expected {$symbol} {$expected}
check-here-sum = this is {$value}, but the cells it sums give {$sum}
check-here-culprit = {$value} here is the likely culprit
check-sides = one side comes to {$left}, the other to {$right}
check-rule-says = the rule: {$message}
check-report-says-this = the report says this
check-culprit-row = the likely culprit is the cell `{$row}` × `{$column}` ({$value}): it also breaks an identity of its row
check-culprit-column = the likely culprit is the cell `{$row}` × `{$column}` ({$value}): it also breaks an identity of its column
check-fix-replace = replace {$value} with the computed sum {$sum}

# Comparisons: eq, ne, ge, le, gt, lt.
# leaves out: value
check-compare-fails = { $cmp ->
    [eq] `{$name}` is not equal to {$other} in {$place}
    [ne] `{$name}` equals {$other} in {$place}, but must differ from it
    [ge] `{$name}` is less than {$other} in {$place}
    [le] `{$name}` is more than {$other} in {$place}
    [gt] `{$name}` is not more than {$other} in {$place}
   *[lt] `{$name}` is not less than {$other} in {$place}
}
check-here-compare = this is {$value}, { $cmp ->
    [eq] not {$other}
    [ne] the same as {$other}
    [ge] less than {$other}
    [le] more than {$other}
    [gt] not more than {$other}
   *[lt] not less than {$other}
}
# leaves out: left, right, difference, cmp
check-arithmetic = {$left_numbers} {$negated} {$right_numbers}
check-with-value = {$text} ({$value})
check-rounding-tolerance = 按打印精度允许误差 ±{$tolerance} (half a unit of the last digit printed in each amount; the rule gives no `tolerance`)
check-rule-tolerance = the rule allows a difference of ±{$tolerance}
check-guard-prose = the check applies because `{$condition}`: the text of `{$section}` has {$count} characters besides its tables
check-guard-compare = the check applies because `{$condition}`: {$left} {$symbol} {$right}

trace-not-mentioned = check `{$check}` does not apply: the text says none of {$phrases}
trace-computed = {$left} {$symbol} {$right} in {$place}
trace-and-more = {$items} and {$more} more
trace-holds = check `{$check}` holds: it computed {$computed}
trace-uncheckable = check `{$check}` cannot be checked: no number in {$cells}
trace-not-evaluated = check `{$check}` is not evaluated: the example lacks {$missing}
trace-guard-false = { $count ->
    [one] check `{$check}` does not apply where `{$condition}` does not hold ({$count} place)
   *[other] check `{$check}` does not apply where `{$condition}` does not hold ({$count} places)
}
trace-table = table `{$label}`
trace-row = row `{$row}`

# Figures stated in the prose (facts).
fact-other-year = the text names {$raw}, but the report is on {$year}
fact-other-year-here = {$raw}, not {$year}
fact-other-year-note = a report on {$year} describes the work of {$year}; a sentence copied from an earlier report often keeps its year
fact-other-year-help = correct the year, or, if the sentence speaks of an earlier year on purpose, add its wording to the fact's `unless` list
fact-cell-is = {$name} is {$value}
fact-adds-up-to = {$name} adds up to {$value}
fact-comes-to = {$name} comes to {$value}
fact-differs = the text says {$raw}, but {$subject}
fact-differs-here = the text says {$raw}; the table gives {$value}
fact-differs-help = correct the sentence or the table so that they agree
fact-the-sentence = the sentence
fact-zeros = and {$zeros} cells of 0
fact-meanings-unchecked = { $count ->
    [one] {$count} other meaning of the rule could not be checked: a cell it needs has no number
   *[other] {$count} other meanings of the rule could not be checked: a cell they need has no number
}

# Across years and roll-ups (src/cross.rs).
cross-in-row = {" "}in row `{$row}`
cross-in-column = {" "}in column `{$column}`
cross-last-year-value = {$value} (last year)
cross-does-not-follow = {$subject} does not follow from the {$year} report{$place}
cross-here = this is {$value}; from last year's report it should be {$expected}
cross-last-years-report = last year's report: {$name} ({$year})
cross-last-year-label = last year: {$label}
cross-help = correct the figure in this year's report, or last year's if that was wrong
rollup-incomplete = { $count ->
    [one] this report aggregates {$total} others, but {$count} of them is not in the batch
   *[other] this report aggregates {$total} others, but {$count} of them are not in the batch
}
rollup-not-checked = the roll-up is not checked
rollup-missing = missing: {$names}
rollup-found = found: {$names}
rollup-found-none = found: none
rollup-incomplete-help = check the reports together (name every file, or their folder), or correct the names in `gouji.toml`
rollup-mismatch = {$name} is {$value}, but the {$count} reports it aggregates add up to {$sum}
rollup-mismatch-here = {$value}, not {$sum}
rollup-mismatch-help = recompute the aggregate from the reports it sums, or correct the report that is wrong
