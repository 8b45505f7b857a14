/**
 * @asckit/returns — return plugins: statutory spreadsheets, the ASCOF return and the quarterly highlight report.
 * The return-plugin contract and the returns arrive with the ASCOF, statutory-returns and highlight-report work.
 */
export {}
