"""Usage errors look and exit the same under every Click version pyproject allows (8.1 to 8.5
differ in both when left to themselves)."""
from idm import cli
from tests.cli_streams import captured


def run(*args):
    with captured() as (out, err):
        code = cli.run(list(args))
        return code, out.getvalue().decode(), err.getvalue().decode()


def test_a_group_without_a_command_prints_its_help_on_stderr_and_exits_2():
    for args in ([], ["rules"], ["baseline"]):
        code, out, err = run(*args)
        assert code == 2, args
        assert out == ""
        assert err.startswith("Usage: idm"), err
        assert "Commands:" in err


def test_a_bad_option_value_names_the_long_help_option():
    code, out, err = run("check", "--format", "bogus", "x.yaml")
    assert code == 2 and out == ""
    assert err.splitlines()[:2] == ["Usage: idm check [OPTIONS] [PATHS]...",
                                    "Try 'idm check --help' for help."], err
    assert "Error: Invalid value for '--format': 'bogus' is not one of" in err


def test_help_is_on_stdout_with_exit_0_for_both_spellings():
    for flag in ("--help", "-h"):
        code, out, err = run("check", flag)
        assert code == 0 and err == ""
        assert out.startswith("Usage: idm check [OPTIONS] [PATHS]...")
