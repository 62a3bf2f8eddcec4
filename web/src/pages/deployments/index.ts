export { DeploymentPage } from "./DeploymentPage";
export { DeploymentsPage } from "./DeploymentsPage";
export { NewDeploymentPage } from "./NewDeploymentPage";
