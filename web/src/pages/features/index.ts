export { FeaturePage } from "./FeaturePage";
export { FeaturesPage } from "./FeaturesPage";
export { NewFeaturePage } from "./NewFeaturePage";
