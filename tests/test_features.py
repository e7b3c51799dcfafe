"""Every scenario under features/ (the living specification) runs as a test."""
from pytest_bdd import scenarios

scenarios(".")
