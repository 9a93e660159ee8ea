"""The comparison views: article panes (header, text, overview strip), the aligned-rows grid, legend, find bar."""
