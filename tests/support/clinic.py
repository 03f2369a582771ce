"""The clinic the tests and screenshots show: a name, a phone, an emergency number."""

from __future__ import annotations

CLINIC = {
    "CLINIC_NAME": "Riverside Physical Therapy",
    "CLINIC_PHONE": "+1 555 010 0200",
    "EMERGENCY_NUMBER": "911",
}
#: The address patients use, printed in the codes of the handout and the poster.
PUBLIC_URL = "https://guide.riverside-pt.example"
#: The therapist the tests sign in as (name, password).
STAFF = ("therapist", "a long enough password")
