// The library API: everything the CLI does, as functions (README, "Library API").
export type { Derivation } from './derivation/model.ts';
export type { NetworkModule } from './codegen/load.ts';
export type { NetworkSpec } from './network/spec.ts';
export type { ConvNetSpec } from './network/conv-spec.ts';
export { deriveConv, type ConvDerivation } from './derive/conv-backprop.ts';
export { validateConvSpec } from './network/conv-validate.ts';
export { loadAnySpec } from './network/any-spec.ts';
export type { Expr } from './ir/expr.ts';
export {
  deriveExpression, deriveNetwork, generateCode, compileNetwork, INDEX_FORM_LIMIT,
  type DeriveNetworkOptions, type CodegenOptions,
} from './api.ts';
export { parseExpression } from './parse/expr.ts';
export { loadSpec, validateSpec } from './network/validate.ts';
export { layerSizes, paramCount } from './network/spec.ts';
export { flatParams } from './network/names.ts';
export { renderDerivation, renderSheet, type RenderOptions, type SheetFile, type SheetOptions } from './sheet/render.ts';
export { latex } from './print/latex.ts';
export { evaluate } from './ir/eval.ts';
export { loadModule } from './codegen/load.ts';
export { engineForward, engineLossAndGrad } from './engine/network.ts';
export { centralDiff } from './engine/fd.ts';
export { trainSingleExample, SEED_004 } from './train/single-example.ts';
export { runTraining, TRAIN_DEFAULTS, type RunOptions, type RunResult } from './train/run.ts';
export type { ArrayData, DataSource } from './train/prepare.ts';
export { TrainingDiverged } from './train/loop.ts';
export { UserError } from './util/errors.ts';
export { checked } from './codegen/checked.ts';
export { checkClaim, checkClaimsFile, type CheckRequest, type CheckResult } from './check/run.ts';
export { parseClaim } from './check/claim.ts';
