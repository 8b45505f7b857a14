/** The borough's XLSX files written byte-for-byte reproducibly. */
import ExcelJS from "exceljs"

/** exceljs's streaming writer with every zip entry dated `date`, so the same data gives the same bytes. */
export const fixedDateWorkbookWriter = (filename: string, date: Date): any => {
  const Base = (ExcelJS as any).stream.xlsx.WorkbookWriter
  class FixedDateWorkbookWriter extends Base {
    constructor(options: Record<string, unknown>) {
      super(options)
    }
    addThemes() {
      // the constructor adds its first zip entries here, so pin entry dates before any is added
      const zip = (this as any).zip
      if (zip.__asckitPinned !== true) {
        const append = zip.append.bind(zip)
        zip.append = (source: unknown, data: Record<string, unknown>) => append(source, { ...data, date })
        zip.__asckitPinned = true
      }
      return super.addThemes()
    }
  }
  return new FixedDateWorkbookWriter({
    filename,
    useStyles: false,
    useSharedStrings: false,
    created: date,
    modified: date,
    creator: "asckit synthetic borough",
    lastModifiedBy: "asckit synthetic borough",
  })
}
