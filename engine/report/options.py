"""What a CI consumer's limits ask of a report: sizes, caps and links, chosen per run.

Defaults follow the platforms: a pull-request comment takes 65,536 characters, GitHub code
scanning shows 5,000 results of a run, and a workflow step shows about 10 annotations of each
type (docs/design/ci-consumers.md).  A renderer that leaves something out says so in its own
output and adds a line to `notices`, which the command line prints on stderr.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Sequence

DEFAULT_MAX_CHARS = 65000
DEFAULT_SARIF_MAX_RESULTS = 5000
DEFAULT_MAX_ANNOTATIONS = 10
# Where `idm rules docs` pages of the bundled pack are published; a team that publishes its own
# pack's pages sets --rules-doc-url (or rules-doc-url in .idm.yaml).
DEFAULT_RULES_DOC_URL = "https://idm.example/docs/rules/"


@dataclass
class ReportOptions:
    """Per-run report settings; 0 for a size or cap means no limit."""

    max_chars: int = DEFAULT_MAX_CHARS
    sarif_max_results: int = DEFAULT_SARIF_MAX_RESULTS
    max_annotations: int = DEFAULT_MAX_ANNOTATIONS
    rules_doc_url: str = DEFAULT_RULES_DOC_URL
    full_reports: Sequence[str] = ()     # other report files of the run, named when one is cut
    jobs: int = 1                        # processes a long report may be written with (--jobs)
    details: str = "auto"                # HTML: initiatives shown in full (--details)
    notices: List[str] = field(default_factory=list)
