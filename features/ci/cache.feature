@own_cache
Feature: A re-check after one edit only re-does the edited file
  As a team that runs idm on every commit of a portfolio of thousands of initiatives
  I want each file's results kept in .idm/cache from one run to the next
  So that a re-check after one edit takes a second, with exactly the same report

  Background:
    Given the example initiatives in "initiatives"
    And a file ".idm.yaml" with:
      """
      paths: [initiatives/portfolio]
      """

  Scenario: The second run reads its results from the cache and reports the same bytes
    When I run "idm check --date 2026-11-22 --jobs 1 --format json -o first.json"
    Then the exit code is 1
    And the result cache holds 7 entries
    When I run "idm check --date 2026-11-22 --jobs 1 --format json -o second.json"
    Then the exit code is 1
    And the result cache holds 7 entries
    And the files "first.json" and "second.json" are identical

  Scenario: An edited file gets a new entry; the report is that of a run without the cache
    When I run "idm check --date 2026-11-22 --jobs 1"
    Given a file "initiatives/portfolio/extra.yaml" with:
      """
      id: EXTRA-1
      title: An initiative added after the first run
      phase: idea
      """
    When I run "idm check --date 2026-11-22 --jobs 1 --format json -o warm.json"
    Then the result cache holds 8 entries
    When I run "idm check --date 2026-11-22 --jobs 1 --format json -o uncached.json --no-cache"
    Then the files "warm.json" and "uncached.json" are identical

  Scenario: idm cache clear removes every entry
    When I run "idm check --date 2026-11-22 --jobs 1"
    And I run "idm cache clear"
    Then the exit code is 0
    And stdout contains "7 cache entries removed"
    And the result cache holds 0 entries

  Scenario: --no-cache, and cache: false in the project file, write no cache
    When I run "idm check --date 2026-11-22 --jobs 1 --no-cache"
    Then the file ".idm/cache" does not exist
    Given a file ".idm.yaml" with:
      """
      paths: [initiatives/portfolio]
      cache: false
      """
    When I run "idm check --date 2026-11-22 --jobs 1"
    Then the exit code is 1
    And the file ".idm/cache" does not exist

  Scenario: Outside a project the cache is off unless asked for
    When I run "idm check ../initiatives/portfolio --date 2026-11-22 --jobs 1" in "elsewhere"
    Then the exit code is 1
    And the file "elsewhere/.idm/cache" does not exist
    When I run "idm check ../initiatives/portfolio --date 2026-11-22 --jobs 1 --cache" in "elsewhere"
    Then the file "elsewhere/.idm/cache" exists

  Scenario: A corrupt or torn entry is ignored and rewritten, never trusted
    When I run "idm check --date 2026-11-22 --jobs 1 --format json -o first.json"
    Given every entry of the result cache is overwritten with other bytes
    When I run "idm check --date 2026-11-22 --jobs 1 --format json -o second.json"
    Then the exit code is 1
    And the files "first.json" and "second.json" are identical
    Given the record of the last run is removed
    When I run "idm check --date 2026-11-22 --jobs 1 --format json -o third.json"
    Then the exit code is 1
    And the files "first.json" and "third.json" are identical
    And every entry of the result cache is whole
