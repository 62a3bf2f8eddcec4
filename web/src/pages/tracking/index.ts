export { ComparePage } from "./ComparePage";
export { ExperimentPage } from "./ExperimentPage";
export { ExperimentsPage } from "./ExperimentsPage";
export { RunPage } from "./RunPage";
