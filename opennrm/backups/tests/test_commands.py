"""The backup commands: a message and exit code 2 for what cannot be done."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_bad_input_gets_a_message_and_exit_code_2(tmp_path, settings):
    settings.OPENNRM_BACKUP_KEY = ""
    settings.OPENNRM_BACKUP_KEY_FILE = tmp_path / "none.json"
    with pytest.raises(CommandError, match="generate_backup_key") as missing_key:
        call_command("backup", output=str(tmp_path / "b.onrm"))
    assert missing_key.value.returncode == 2
    call_command("generate_backup_key", path=str(tmp_path / "key.json"))
    assert (tmp_path / "key.json").stat().st_mode & 0o777 == 0o600
    with pytest.raises(CommandError, match="exists") as again:
        call_command("generate_backup_key", path=str(tmp_path / "key.json"))
    assert again.value.returncode == 2
    key_file = str(tmp_path / "key.json")
    (tmp_path / "junk.onrm").write_bytes(b"junk")
    with pytest.raises(CommandError, match="not an OpenNRM backup") as junk:
        call_command("restore", str(tmp_path / "junk.onrm"), key_file=key_file)
    assert junk.value.returncode == 2
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "none.onrm"), key_file=key_file)
    (tmp_path / "bad-key.json").write_text('{"backup_key": "short"}')
    with pytest.raises(CommandError, match=r"base64|bytes"):
        call_command(
            "restore", str(tmp_path / "junk.onrm"), key_file=str(tmp_path / "bad-key.json")
        )
