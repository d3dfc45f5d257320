"""The annual report builder (法治政府建设年度报告): narrative per statutory section with live figures from the
indicator engine, a first draft generated from the year's records, Word output through docxtpl and PDF through
LibreOffice. See README.md in this package."""
