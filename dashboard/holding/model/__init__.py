"""Pure rules and sentences for holding to account: tracker statuses, timeline dates, the meeting's agenda, "data as at"."""
