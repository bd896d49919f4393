# `feature new` numbers folders in sequence or by timestamp; the names it derives stay in specs\.
$ speckit init --agent claude --here --dialect speckit > /dev/null
$ speckit feature new "Add offline sync"
| Created feature 001-offline-sync in specs\001-offline-sync\
|   spec: specs\001-offline-sync\spec.md (written from the spec template)
|   recorded as the current feature in .specify\feature.json
|
| Next: write the spec, then check it with `speckit check --stage specified specs\001-offline-sync`.
$ speckit feature new --short-name export "Export to CSV"
| Created feature 002-export in specs\002-export\
|   spec: specs\002-export\spec.md (written from the spec template)
|   recorded as the current feature in .specify\feature.json
|
| Next: write the spec, then check it with `speckit check --stage specified specs\002-export`.
$ speckit feature new --timestamp "Stamp this one"
| Created feature <TIMESTAMP>-stamp-one in specs\<TIMESTAMP>-stamp-one\
|   spec: specs\<TIMESTAMP>-stamp-one\spec.md (written from the spec template)
|   recorded as the current feature in .specify\feature.json
|
| Next: write the spec, then check it with `speckit check --stage specified specs\<TIMESTAMP>-stamp-one`.
$ speckit feature new "..\..\escape attempt"
| Created feature 003-escape-attempt in specs\003-escape-attempt\
|   spec: specs\003-escape-attempt\spec.md (written from the spec template)
|   recorded as the current feature in .specify\feature.json
|
| Next: write the spec, then check it with `speckit check --stage specified specs\003-escape-attempt`.
$ ls specs
| 001-offline-sync
| 002-export
| 003-escape-attempt
| <TIMESTAMP>-stamp-one
$ cat .specify/feature.json
| {"feature_directory":"specs/003-escape-attempt"}
