// The heavy half of the CLI (mathjs, KaTeX, Handlebars, esbuild, zod and the training code),
// loaded by the command that runs, never at start-up: `--help` and `--version` then start in
// a tenth of a second. Command files import it only through `load()` in cli/lazy.ts.
export { deriveExpression, deriveNetwork, generateCode, compileNetwork, INDEX_FORM_MAX } from '../api.ts';
export { paramCount } from '../network/spec.ts';
export { loadSpec } from '../network/validate.ts';
export { loadAnySpec, isConvSpec } from '../network/any-spec.ts';
export { runConvTraining } from '../train/conv-run.ts';
export { derivationJson } from '../derivation/json.ts';
export { convDerivationJson, convDerivationStats } from '../derivation/conv-json.ts';
export { deriveConv } from '../derive/conv-backprop.ts';
export { writesUnitByUnit, UNIT_BY_UNIT_LIMIT } from '../sheet/conv-sheet.ts';
export { derivationStats } from '../derivation/stats.ts';
export { absentVariables } from '../derive/expression.ts';
export { text } from '../print/text.ts';
export { renderDerivation, renderSheet } from '../sheet/render.ts';
export { checkClaim, checkClaimsFile, checkExitCode } from '../check/run.ts';
export { runTraining } from '../train/run.ts';
export { TrainingDiverged } from '../train/loop.ts';
export { prepareData } from '../train/prepare.ts';
export { trainSingleExample, SEED_004 } from '../train/single-example.ts';
export { isConvParams, loadAnyParams, loadParams, predict, predictData, predictionsCsv } from '../train/predict.ts';
export { convPredict, convPredictData, convPredictionsCsv } from '../train/conv-predict.ts';
export { onnxModel } from '../export/onnx.ts';
