// HTTP handlers for prompt governance under /api/v1/prompt-governance (SPEC §5): parse and
// validate, one service call, serialize. See prompt_service.h for the rules.
//
// Thread safety: handlers are thread-safe (the service is).
#pragma once

#include "http/router.h"
#include "prompts/prompt_service.h"

namespace cairn::prompts {

// `service` must outlive the router.
void RegisterPromptRoutes(http::Router& router, PromptService& service);

}  // namespace cairn::prompts
