"""Self-assessment questionnaire templates: versioned questions per article, exchanged as XLSX workbooks."""
