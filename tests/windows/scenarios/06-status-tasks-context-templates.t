# The native commands that read the current feature: status, tasks, agent context, templates.
$ cp -r "$EXAMPLES/speckit/." .
$ speckit init --agent claude --here > /dev/null
$ printf '{"feature_directory":"specs/003-reading-goals"}' > .specify/feature.json
$ speckit status
| REACHED     VERDICT     OPEN  TASKS    FEATURE
| tasked      ready          0  0/15     specs\003-reading-goals
| clarified   incomplete     1  -        specs\004-goodreads-import
|
| 2 features: 1 clarified, 1 tasked; verdicts: 1 ready, 1 incomplete, 0 blocked, 0 invalid; 1 open clarification; tasks 0/15 done
$ speckit status --feature 'specs\003-reading-goals' | head -5
| specs\003-reading-goals (speckit)
|   reached:        tasked
|   next stage:     done, missing: every task is checked
|   verdict:        ready (speckit check, at stage tasked)
|   clarifications: 0 open
$ speckit tasks list | head -6
| specs\003-reading-goals\tasks.md: 0 of 15 tasks done (0%)
|
| Phases
|   0/2       Phase 1: Setup
|   0/2       Phase 2: Foundational
|   0/4       Phase 3: User Story 1 - Set a goal for the year (Priority: P1)
$ speckit tasks next | head -4
| 1 task may start now (15 of 15 open):
|
| Phase 1: Setup
|   T001 Add the `reading_goals` migration in api/src/db/migrations/0012_reading_goals.sql
$ speckit agent-context update
| Updated CLAUDE.md
|   pointing at specs\003-reading-goals\plan.md
$ grep -n 'plan.md' CLAUDE.md
| 4:at specs/003-reading-goals/plan.md
$ speckit template resolve plan-template | head -1
| # Implementation Plan: [FEATURE]
$ speckit template list | head -4
| checklist-template       core (replace)
| constitution-template    core (replace)
| plan-template            core (replace)
| spec-template            core (replace)

# A current feature outside the project, named by drive: the context section points at its real
# path, without the `\\?\` prefix Windows gives canonical paths.
$ mkdir -p ../outside/009-x && cp specs/003-reading-goals/plan.md ../outside/009-x/
$ printf '{"feature_directory":"S:\\\\outside\\\\009-x"}' > .specify/feature.json
$ speckit agent-context update
| Updated CLAUDE.md
|   pointing at S:\outside\009-x\plan.md
$ grep -n 'plan.md' CLAUDE.md
| 4:at S:/outside/009-x/plan.md
$ rm -r ../outside
