# The editor (src/lsp): hover, completion, what is said while the rule files are broken.

hover-value-written = `{$value}` (written `{$raw}`)
hover-blank = no value (blank)
hover-no-value = no value (`{$raw}`)
hover-unreadable = unreadable: `{$raw}`
hover-cell = table `{$table}` {$label}{ $block ->
    [none] {""}
   *[other] , {$block}
}; row `{$row}`, column `{$column}` ({$kind})

    value: {$value}
hover-no-identity = no identity reads this cell
hover-identities = identities:
hover-in-row = {" "}in row `{$row}`
hover-in-column = {" "}in column `{$column}`
hover-cannot-check = cannot be checked: a cell holds no number
hover-version = {" "}version `{$version}`
hover-in-table = in table `{$table}`
hover-declared-in = declared in `{$file}`
completion-keyword-zh = keyword (in English: {$en})
completion-keyword-en = keyword (in Chinese: {$zh})

lsp-and-more = … and {$count} more
lsp-rules-not-loaded = the rules could not be loaded; this report is not checked
lsp-rules-not-compiled = { $count ->
    [one] the rules could not be compiled ({$count} error); this report is not checked
   *[other] the rules could not be compiled ({$count} errors); this report is not checked
}
lsp-fix-rules = fix the rule files, then the report is checked again
lsp-rule-file-no-uri = the rule file `{$file}` has a name that cannot be a URI
lsp-rule-file-not-utf8 = the rule file `{$file}` is not UTF-8 text
lsp-rule-file-missing = the rule file `{$file}` does not exist
lsp-rule-file-unreadable = the rule file `{$file}` cannot be read: {$error}
lsp-no-rule-set = the rule files define no rule set
lsp-config-unreadable = `gouji.toml` cannot be read: {$error}
lsp-request-failed = gouji failed while answering `{$method}`
lsp-method-unknown = gouji does not handle `{$method}`
lsp-no-initialize = no `initialize` from the editor: {$error}
lsp-initialize-failed = the editor did not finish initializing: {$error}
lsp-closed-without-exit = the editor closed the connection without `shutdown` and `exit`
lsp-exit-before-shutdown = the editor sent `exit` before `shutdown`
lsp-shutting-down = the server is shutting down
lsp-check-failed = checking the open files failed; keeping the previous results
lsp-malformed = ignoring a malformed `{$method}`: {$error}
lsp-connection-failed = the editor connection failed: {$error}
lsp-baseline-unreadable = the baseline `{$file}` named in `gouji.toml` cannot be read: {$error}
