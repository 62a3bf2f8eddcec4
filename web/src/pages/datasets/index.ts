export { DatasetPage } from "./DatasetPage";
export { DatasetsPage } from "./DatasetsPage";
