# Key–value forms (src/report/form.rs, src/compile/build/form.rs).

form-field-missing = the form has no field `{$label}`
form-field-missing-here = `{$label}` should come after this
form-field-missing-help = add the line `{$label}` with its value, as the form prints it
form-field-blank = field `{$label}` is blank
form-no-value-here = no value here
form-says-no-value = `{$raw}` says no value
form-fill-in = fill in {$kind}
form-the-field = the field
form-not-asked = {$fields} filled in, but the form asks for `{$group}` only when {$condition}
form-is-filled-in = `{$raw}` is filled in
form-answers = `{$label}` answers `{$raw}`
form-filled-in-too = filled in too
form-not-asked-help = either correct the answer, or leave these fields empty (or 0)
form-count-yesno = `{$raw}` answers yes or no, but a count is asked
form-not-whole = `{$raw}` is not a whole number
form-asks-count = field `{$label}` asks for a count, and it says `{$raw}`
form-yesno-number = `{$raw}` is a number, but 是 or 否 is asked
form-not-yesno = `{$raw}` is neither 是 nor 否
form-asks-yesno = field `{$label}` is answered 是 or 否, and it says `{$raw}`
form-not-as-asked = field `{$label}` is not written as the form asks
form-no-match = `{$raw}` does not match `{$pattern}`
form-must-be = field `{$label}` must be {$kind}
form-not-option = `{$item}` is not one of the options
form-several = `{$raw}` picks more than one option
form-asks-date = field `{$label}` asks for a date, and it says `{$raw}`
form-not-date = `{$raw}` is not a date such as 2024年1月15日
form-date-range = field `{$label}` must be between {$from} and {$to} for a {$year} report
form-date-outside = {$date} is outside that stretch
form-year-from-title = the report year {$year} is read from the title
form-kind-count = a count
form-kind-text = text
form-kind-yesno = 是 or 否
form-kind-one-of = one of {$options}
form-kind-any-of = any of {$options}
form-kind-date = a date
form-name = form `{$label}`
form-in = in form `{$label}`

# Rule files: forms.
form-no-fields = form `{$name}` has no fields
form-no-fields-here = no `field` in this form
form-no-fields-help = declare the form's fields with `field NAME "label"`
form-check-no-each = a check in a form takes no `each row` / `each column`
form-check-no-each-here = a form has one value per field
form-check-no-each-help = name the fields: `check 合计: 总数 = 甲 + 乙`
form-bad-pattern = this pattern is not a regular expression gouji can read
form-bad-pattern-help = patterns are regular expressions: `^[0-9]{"{"}10{"}"}$`, `ICP备.+号`
form-pattern-not-text = only a `text` field takes a `pattern`
form-pattern-not-text-here = this field is not text
form-bad-dates = this stretch of dates makes no sense
form-bad-dates-here = months run 01–12, days 01–31, and the first date comes first
form-bad-dates-help = e.g. `date within report_year+1 01-01..02-29`
form-when-kind = a group can depend only on a yes/no or single-choice field, and `{$name}` holds {$kind}
form-when-kind-here = not a yes/no or choice field
form-when-cmp = a group's condition compares an answer with `=` or `≠`
form-when-cmp-here = an answer is not more or less than another
form-when-answer = `{$value}` is not an answer of field `{$name}`
form-when-answers = the answers are {$list}
form-field-not-number = field `{$name}` holds {$kind}, not a number, so a check cannot add it up
form-field-not-number-here = not a count
form-field-not-number-help = compare counts here; a group's `when` handles yes/no answers
