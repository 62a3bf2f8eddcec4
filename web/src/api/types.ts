// Short names for the generated schema types.
import type { components } from "./schema";

type S = components["schemas"];
export type Experiment = S["Experiment"];
export type ExperimentDetail = S["ExperimentDetail"];
export type Run = S["Run"];
export type MetricHistory = S["MetricHistory"];
export type Artifact = S["Artifact"];
export type AuditRecord = S["AuditRecord"];
export type ModelVersion = S["ModelVersion"];
export type Model = S["Model"];
export type ChecklistItem = S["ChecklistItem"];
export type Comparison = S["Comparison"];
export type Deployment = S["Deployment"];
export type DeploymentCreate = S["DeploymentCreate"];
export type DriftEvent = S["DriftEvent"];
export type DriftReport = S["DriftReport"];
export type DriftColumn = S["DriftColumn"];
export type Feature = S["Feature"];
export type FeatureVersion = S["FeatureVersion"];
export type FeatureCreate = S["FeatureCreate"];
export type Dataset = S["Dataset"];
export type DatasetRows = S["DatasetRows"];
export type ColumnProfile = S["ColumnProfile"];
export type Scenario = S["Scenario"];
export type ScenarioCreate = S["ScenarioCreate"];
export type EvaluationRun = S["EvaluationRun"];
export type EvaluationReport = S["EvaluationReport"];
export type PromptTemplate = S["PromptTemplate"];
export type PromptVersion = S["PromptVersion"];
export type PromptVariable = S["PromptVariable"];
export type PromptEvaluation = S["PromptEvaluation"];
export type PromptFinding = S["PromptFinding"];
export type PromptUsageSummary = S["PromptUsageSummary"];
export interface Page<T> {
  items: T[];
  next_page_token: string | null;
}
