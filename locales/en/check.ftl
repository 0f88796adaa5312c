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
check-compare-fails = `{$name}` in {$place} is {$value}, but must be {$symbol} {$expected}
check-identity-does-not-hold = `{$identity}` does not hold in {$place}
# leaves out: left, right, difference
check-arithmetic-equal = {$left_numbers} ≠ {$right_numbers}
# leaves out: left, right, symbol
check-arithmetic-compare = {$left_numbers} {$negated} {$right_numbers}
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
