"""The Streamlit toolkit: the launcher, the script slot, shared elements, the address, and widgets pages share."""
