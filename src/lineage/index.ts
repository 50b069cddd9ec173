// Lineage: who is in which build and model, and what a withdrawal means for models already trained.
export * from './lineage-service.js';
