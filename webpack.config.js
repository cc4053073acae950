// Builds the add-in into dist/: taskpane.html (the shared-runtime page: functions, then task pane),
// functions.js, functions.json (custom-function metadata from the JSDoc in src/functions/functions.ts),
// manifest.xml and assets/. Conventions of OfficeDev/Excel-Custom-Functions-Shared, but type-checked by
// ts-loader (no Babel) and with every dev URL in the production manifest replaced. Browser targets: package.json
// "browserslist" (webpack's own runtime code follows it); TypeScript lowers our code and the packages' to ES2020.
//
//   npm run build       production; manifest URLs from ADDIN_URL (required: the build fails without it)
//   npm run build:dev   development; manifest keeps https://localhost:3000/
//   npm start           development build served over https://localhost:3000 (scripts/start.js)
"use strict";

const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { productionManifest, productionUrl } = require("./scripts/build-manifest");

const DEV_SERVER_PORT = 3000;

async function httpsOptions() {
  // Only for `webpack serve`: creates (and tries to trust) the localhost certificate on first use.
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  let prod;
  if (!dev) {
    prod = productionUrl(); // throws, failing the build, without a real ADDIN_URL
    console.log(`manifest.xml: production URL ${prod.url} (from ${prod.source})`);
  }
  return {
    mode: dev ? "development" : "production",
    // Source maps in development only: the production dist/ is what a practice deploys, and maps would
    // ship 9 MB (taskpane.js.map alone 6 MB) of the add-in's source to every client for no user's benefit.
    // To debug a production problem, reproduce it with `npm run build:dev` or `npm start`, which have maps.
    devtool: dev ? "source-map" : false,
    entry: {
      // functions.js stands alone (Excel, and the tests, can load it by itself) and carries the webpack
      // runtime. taskpane.js depends on it: a module both use (the functions' store, the engine) is bundled
      // once, in functions.js, so the task pane and the functions share one instance of it, as a shared
      // runtime intends, instead of each getting its own copy.
      functions: "./src/functions/functions.ts",
      taskpane: { import: "./src/taskpane/taskpane.tsx", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The chunk registry on globalThis (not `self`), and files relative to the page rather than found from
      // document.currentScript at load, so functions.js also loads outside a browser.
      globalObject: "globalThis",
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Loaders run last to first: ts-loader, then Griffel's build-time transform of the pane's makeStyles and
          // makeResetStyles (as Fluent UI ships its own styles: precomputed atomic classes and CSS), so the page
          // neither carries the style objects nor Griffel's runtime style compiler (stylis, rtl-css-js), and does
          // not compute styles at start-up. github.com/microsoft/griffel, packages/webpack-loader/README.md.
          use: [
            {
              loader: "@griffel/webpack-loader",
              options: { modules: [{ moduleSource: "@fluentui/react-components", importName: "makeStyles", resetImportName: "makeResetStyles" }] },
            },
            {
              loader: "ts-loader",
              // Full type checking of every bundled file; a type error fails the build.
              options: { configFile: path.resolve(__dirname, "tsconfig.web.json"), onlyCompileBundledFiles: true },
            },
          ],
        },
        {
          // Packages ship syntax newer than the pane's browser targets (package.json "browserslist": ES2020;
          // Fluent UI's tabster has class static blocks and ??=, which Safari before 16.4 cannot parse):
          // TypeScript lowers them to ES2020, without type checking. exceljs ships ES5 already.
          test: /\.m?js$/,
          include: /node_modules/,
          exclude: /node_modules[\\/]exceljs[\\/]/,
          use: {
            loader: "ts-loader",
            options: {
              instance: "node_modules",
              transpileOnly: true,
              configFile: path.resolve(__dirname, "tsconfig.web.json"),
              compilerOptions: { allowJs: true, checkJs: false, sourceMap: false },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page holds both. Functions first, so they are associated before UI code runs.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        inject: "head",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              return dev ? content : productionManifest(content.toString(), prod.url);
            },
          },
        ],
      }),
    ],
    performance: {
      // React + Fluent UI make the task pane chunk large; say so past 1 MiB rather than at webpack's 244 KiB.
      hints: dev ? false : "warning",
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: {
        type: "https",
        options: env.WEBPACK_SERVE ? await httpsOptions() : undefined,
      },
      host: "localhost", // only this machine; Excel (desktop or in this machine's browser) loads from it
      port: DEV_SERVER_PORT,
      static: false,
      // dist/ on disk matches what is served, so dist/manifest.xml can be sideloaded.
      devMiddleware: { writeToDisk: true },
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

module.exports.DEV_SERVER_PORT = DEV_SERVER_PORT;
