export { EvaluationPage } from "./EvaluationPage";
export { EvaluationRunPage } from "./EvaluationRunPage";
export { NewScenarioPage } from "./NewScenarioPage";
export { ScenarioPage } from "./ScenarioPage";
