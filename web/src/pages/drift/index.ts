export { DriftPage } from "./DriftPage";
export { NewDriftReportPage } from "./NewDriftReportPage";
