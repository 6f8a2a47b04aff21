"""Reading what people write: figures and budget lines, household, phone, callback wishes,
themes, referral, urgency and danger, FAQ cues. Plain functions over text, no Rasa."""
