export { NewPromptPage } from "./NewPromptPage";
export { PromptPage } from "./PromptPage";
export { PromptsPage } from "./PromptsPage";
export { ReviewQueuePage } from "./ReviewQueuePage";
