# Words shared by every area.

# Between the items of a list: a, b, c
list-separator = {", "}
# Between long items
list-separator-long = {"; "}
severity-error = error
severity-warning = warning
severity-note = note
severity-help = help
