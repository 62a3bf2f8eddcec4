#include "evaluation/evaluation_dataset_usage.h"
