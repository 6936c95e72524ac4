"""Entry point: `streamlit run app.py`. Five pages; each page also runs on its own."""

import streamlit as st

from ui.filters import current_lang
from ui.i18n import t

lang = current_lang()
st.set_page_config(page_title=t("app.title", lang), layout="wide", page_icon=":material/insights:")
PAGES = [
    st.Page("pages/overview.py", title=t("page.overview", lang), icon=":material/dashboard:", default=True),
    st.Page("pages/stance.py", title=t("page.stance", lang), icon=":material/balance:", url_path="stance"),
    st.Page("pages/topics.py", title=t("page.topics", lang), icon=":material/topic:", url_path="topics"),
    st.Page("pages/keywords.py", title=t("page.keywords", lang), icon=":material/key:", url_path="keywords"),
    st.Page("pages/reader.py", title=t("page.reader", lang), icon=":material/article:", url_path="reader"),
]
st.navigation(PAGES).run()
