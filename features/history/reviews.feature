Feature: A board follows its portfolio over three recorded reviews
  As an architecture board that reviews the same initiatives on a rhythm
  I want every review recorded, and to see what changed between reviews
  So that we know whether an initiative improved, when a finding appeared and what was checked

  Scenario Outline: Three reviews while initiatives are fixed, broken and withdrawn (<store>)
    Given the history store is <store>
    And the example initiatives in "examples"
    When I run "idm check examples/portfolio --date 2026-11-22 --jobs 1 --record"
    Then the exit code is 1
    And stderr contains "history: recorded as run 1"
    # Between the first and second review RIV-2026-005 completes its DPIA (LEG-004 resolved)
    # and RIV-2026-006 loses the success criteria of its goal (BUS-006 new).
    Given in "examples/portfolio/05-jeugdhulp.yaml" "dpia: { status: planned }" is replaced by "dpia: { status: done }"
    And in "examples/portfolio/06-open-data.yaml" the line "success_criteria: [twintig datasets met metadata volgens DCAT-AP-NL]" is removed
    When I run "idm check examples/portfolio --date 2026-11-22 --jobs 1 --record --since-last --report html:review.html --report markdown:review.md"
    Then the exit code is 1
    And stdout contains "Since the last recorded run (#1, "
    And stdout contains "): 1 new, 1 resolved"
    And the file "review.html" contains "): 1 new, 1 resolved</p>"
    And the file "review.md" contains "): 1 new, 1 resolved"
    # Before the third review RIV-2026-004 is withdrawn from the portfolio.
    Given the file "examples/portfolio/04-slimme-verlichting.yaml" is removed
    When I run "idm check examples/portfolio --date 2026-11-22 --jobs 1 --record --since-last"
    Then the exit code is 1
    And stdout contains "): 0 new, 0 resolved; 1 initiative of that run not checked now"
    When I run "idm history"
    Then the exit code is 0
    And stdout is exactly, with recording times as YYYY-MM-DDTHH:MM:SSZ:
      """
      Run  Recorded              Date        Inputs              Initiatives  Errors  Warnings  Info  Waived  Coverage  Input errors  Gate
        1  YYYY-MM-DDTHH:MM:SSZ  2026-11-22  examples/portfolio            7       4        22     3       1     40/42             0  failed
        2  YYYY-MM-DDTHH:MM:SSZ  2026-11-22  examples/portfolio            7       3        23     3       1     40/42             0  failed
        3  YYYY-MM-DDTHH:MM:SSZ  2026-11-22  examples/portfolio            6       3        22     3       1     36/38             0  failed
      """
    When I run "idm diff 1 2"
    Then the exit code is 0
    And stdout is exactly, with recording times as YYYY-MM-DDTHH:MM:SSZ:
      """
      Run 1 (YYYY-MM-DDTHH:MM:SSZ, examples/portfolio) -> run 2 (YYYY-MM-DDTHH:MM:SSZ, examples/portfolio): 1 new, 1 resolved, 0 changed
      RIV-2026-005  Regiesysteem jeugdhulp
        - error LEG-004 design.privacy.dpia.status: The initiative is high-risk processing (special categories of personal data, or personal data with AI, profiling or risk scoring), but design.privacy.dpia.status shows no DPIA carried out in time: it is missing, says not-needed, or is still planned from the improvement phase on.
      RIV-2026-006  Open data portaal Rivierstad
        + warning BUS-006 direction.goals[0].success_criteria: This goal has no success criteria in success_criteria.
      """
    When I run "idm diff"
    Then stdout is exactly, with recording times as YYYY-MM-DDTHH:MM:SSZ:
      """
      Run 2 (YYYY-MM-DDTHH:MM:SSZ, examples/portfolio) -> run 3 (YYYY-MM-DDTHH:MM:SSZ, examples/portfolio): 0 new, 0 resolved, 0 changed
      RIV-2026-004  Slimme openbare verlichting: not in run 3 (had 1 finding in run 2)
      """
    When I run "idm history RIV-2026-004 --lang nl"
    Then stdout is exactly, with recording times as YYYY-MM-DDTHH:MM:SSZ:
      """
      Geschiedenis van RIV-2026-004

      Run  Vastgelegd            Datum       Invoer              In run  Fase        Fouten  Waarschuwingen  Info  Uitgezonderd  Dekking
        1  YYYY-MM-DDTHH:MM:SSZ  2026-11-22  examples/portfolio  ja      initiation       0               1     0             0      4/4
        2  YYYY-MM-DDTHH:MM:SSZ  2026-11-22  examples/portfolio  ja      initiation       0               1     0             0      4/4
        3  YYYY-MM-DDTHH:MM:SSZ  2026-11-22  examples/portfolio  nee
      """
    # The dashboard of the board's next meeting, after RIV-2026-006 is repaired again.
    Given in "examples/portfolio/06-open-data.yaml" the line "success_criteria: [twintig datasets]" is added after "- id: G1"
    When I run "idm report examples/portfolio --date 2026-11-22 --db --output board.html"
    Then the exit code is 1
    And the dashboard "board.html" shows for RIV-2026-005 the reviews "8 7 7 7" and "0 new, 0 resolved"
    And the dashboard "board.html" shows for RIV-2026-006 the reviews "2 3 3 2" and "0 new, 1 resolved"
    And the dashboard "board.html" shows for RIV-2026-004 the reviews "1 1 – –" and "not in this review"
    And the dashboard "board.html" shows the portfolio reviews "29 29 28 27"
    And the file "board.html" contains "Since the last recorded run (#3, "
    And the file "board.html" contains "<td>RIV-2026-003</td><td><code>TEC-001</code></td><td>CIO</td>"
    And the file "board.html" contains "<strong>2026-09-30</strong> (Expired)"
    # Showing the dashboard with --db records nothing.
    When I run "idm history --format csv"
    Then stdout is exactly, with recording times as YYYY-MM-DDTHH:MM:SSZ:
      """
      run,recorded_at,evaluation_date,root,initiatives,error,warning,info,waived,coverage,input_errors,gate
      1,YYYY-MM-DDTHH:MM:SSZ,2026-11-22,examples/portfolio,7,4,22,3,1,40/42,0,failed
      2,YYYY-MM-DDTHH:MM:SSZ,2026-11-22,examples/portfolio,7,3,23,3,1,40/42,0,failed
      3,YYYY-MM-DDTHH:MM:SSZ,2026-11-22,examples/portfolio,6,3,22,3,1,36/38,0,failed
      """

    Examples:
      | store      |
      | sqlite     |
      | postgresql |
