// The console's pages. Each domain is its own chunk (loaded on first visit). The server answers
// index.html for every path below these top-level segments (server/platform_routes.cc,
// kConsolePages): keep both lists in step.
import type { ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";

import { Layout } from "./components/Layout";
import { RouteError } from "./components/RouteError";

function lazyPage<M>(load: () => Promise<M>, name: keyof M & string) {
  return async () => {
    const Component = (await load())[name] as ComponentType | undefined;
    if (typeof Component !== "function") throw new Error(`missing page ${name}`);
    return { Component };
  };
}

function page<M>(path: string, load: () => Promise<M>, name: keyof M & string): RouteObject {
  return { path, lazy: lazyPage(load, name) };
}

const home = () => import("./pages/home/HomePage");
const tracking = () => import("./pages/tracking");
const registry = () => import("./pages/registry");
const deployments = () => import("./pages/deployments");
const drift = () => import("./pages/drift");
const features = () => import("./pages/features");
const datasets = () => import("./pages/datasets");
const evaluation = () => import("./pages/evaluation");
const prompts = () => import("./pages/prompts");
const audit = () => import("./pages/audit/AuditPage");
const login = () => import("./pages/login/LoginPage");

export const routes: RouteObject[] = [
  page("/login", login, "LoginPage"),
  {
    path: "/",
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, lazy: lazyPage(home, "HomePage") },
      page("experiments", tracking, "ExperimentsPage"),
      page("experiments/:name", tracking, "ExperimentPage"),
      page("runs/:runId", tracking, "RunPage"),
      page("compare", tracking, "ComparePage"),
      page("models", registry, "ModelsPage"),
      page("models/:name", registry, "ModelPage"),
      page("models/:name/compare", registry, "ModelComparePage"),
      page("models/:name/versions/:version", registry, "ModelVersionPage"),
      page("deployments", deployments, "DeploymentsPage"),
      page("deployments/new", deployments, "NewDeploymentPage"),
      page("deployments/:id", deployments, "DeploymentPage"),
      page("drift", drift, "DriftPage"),
      page("drift/new", drift, "NewDriftReportPage"),
      page("features", features, "FeaturesPage"),
      page("features/new", features, "NewFeaturePage"),
      page("features/:name", features, "FeaturePage"),
      page("datasets", datasets, "DatasetsPage"),
      page("datasets/:id", datasets, "DatasetPage"),
      page("evaluation", evaluation, "EvaluationPage"),
      page("evaluation/scenarios/new", evaluation, "NewScenarioPage"),
      page("evaluation/scenarios/:name", evaluation, "ScenarioPage"),
      page("evaluation/runs/:runId", evaluation, "EvaluationRunPage"),
      page("prompts", prompts, "PromptsPage"),
      page("prompts/new", prompts, "NewPromptPage"),
      page("prompts/review", prompts, "ReviewQueuePage"),
      page("prompts/:id", prompts, "PromptPage"),
      page("audit", audit, "AuditPage"),
      { path: "*", lazy: async () => ({ Component: (await import("./components/NotFound")).NotFound }) },
    ],
  },
];

export const router = createBrowserRouter(routes);
