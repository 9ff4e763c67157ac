export { chargeTiered } from './charge-tiered';
export { estimateMonthlyCost, gbSeconds } from './estimate-monthly-cost';
export { formatCostTable } from './format-cost-table';
export { PRICES, PRICES_AS_OF, PRICES_REGION, PRICE_SOURCES, type PriceTier } from './prices';
export { createCostEstimateInput, CostEstimateSchema, CostLineSchema, type CostEstimate, type CostEstimateInput, type CostLine } from './schemas';
export * from './workload';
