import PlusCSV
import PlusModel
import PlusStore
import PlusWorkbook
import PlusXML

extension ProblemCatalog {
    /// Every problem a sheet's or a deliberation's import may store: what the report and
    /// `plus status` name a sheet's warnings by.
    ///
    /// ```swift
    /// ProblemCatalog.imports.named("CSV044", in: .en)  // "Section heading row (CSV044)"
    /// ```
    public static let imports = ProblemCatalog(
        Problem.csvProblems + Problem.workbookProblems + Problem.xmlProblems + Problem.comuneCodeProblems + Problem.recognitionProblems)
}
