"""Holding to account: the improvement tracker, the inspection timeline, meeting mode and the Panel's briefing pack."""
