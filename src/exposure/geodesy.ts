// Geodesy lives in layers so every capability (exposure, network, render) measures with one formula.
export * from '../layers/geodesy.js';
