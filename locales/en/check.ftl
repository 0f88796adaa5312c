# Identities checked against the report (src/check). Labels and numbers come from the report.

# leaves out: table
check-place-row = row `{$row}`
# leaves out: table
check-place-column = column `{$column}`
# leaves out: table
check-place-table = table `{$label}`
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
