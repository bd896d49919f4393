# Files with CRLF line ends, and folders whose names hold `[` and `]`.
$ speckit init --agent copilot --here > /dev/null
$ mkdir -p 'specs/001-a [draft]'
$ printf '# Feature Specification: A\r\n\r\n**Feature Branch**: `001-a`\r\n' > 'specs/001-a [draft]/spec.md'
$ SPECIFY_FEATURE_DIRECTORY='specs\001-a [draft]' speckit script setup-plan -Json
| {"FEATURE_SPEC":"S:\\proj\\specs\\001-a [draft]\\spec.md","IMPL_PLAN":"S:\\proj\\specs\\001-a [draft]\\plan.md","FEATURE_DIR":"S:\\proj\\specs\\001-a [draft]","BRANCH":"001-a [draft]"}
! Copied plan template to S:\proj\specs\001-a [draft]\plan.md
$ speckit check --format concise 'specs\001-a [draft]\spec.md'
| specs\001-a [draft]\spec.md:1:1: SK101 6 of the 6 sections the speckit template requires are missing: User Scenarios & Testing *(mandatory)*, Edge Cases, Requirements *(mandatory)*, Functional Requirements, Success Criteria *(mandatory)*, Measurable Outcomes
[exit 1]
$ speckit check --format concise specs
| specs\001-a [draft]\plan.md:1:1: SK105 document is an unfilled template (23 placeholders left)
| specs\001-a [draft]\spec.md:1:1: SK101 6 of the 6 sections the speckit template requires are missing: User Scenarios & Testing *(mandatory)*, Edge Cases, Requirements *(mandatory)*, Functional Requirements, Success Criteria *(mandatory)*, Measurable Outcomes
[exit 1]
