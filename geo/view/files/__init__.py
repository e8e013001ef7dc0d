"""Files the viewer serves: offline Leaflet and plugins, files published under content-hash names.

The lowest layer of the viewer: it knows nothing of the map or the page.

* :mod:`._assets`: Leaflet and its plugins from the npm packages pinned in
  ``geo/view/assets`` (never a CDN), joined into one script per language, and
  the folders of the viewer's own scripts (``geo/view/map/js``);
* :mod:`._served`: files written once under a content-hash name, for the
  server to answer with year-long cache headers;
* :mod:`._signature`: cheap cache keys of a folder's files.
"""

from geo.view.files._assets import (
    ASSET_FOLDERS,
    ASSETS_DIR,
    COMPONENT_FULL_NAME,
    JS_DIR,
    LEAFLET_CSS,
    LEAFLET_JS,
    NODE_MODULES,
    REQUIRED_FILES,
    VIEW_DIR,
    AssetUrls,
    bundle_text,
    missing_assets,
    serve_assets,
    use_offline_assets,
)
from geo.view.files._served import publish_named, publish_text, published_path, served_folder
from geo.view.files._signature import Signature, folder_signature

__all__ = [
    "ASSETS_DIR", "ASSET_FOLDERS", "COMPONENT_FULL_NAME", "JS_DIR", "LEAFLET_CSS", "LEAFLET_JS", "NODE_MODULES",
    "REQUIRED_FILES", "VIEW_DIR", "AssetUrls", "Signature", "bundle_text", "folder_signature", "missing_assets",
    "publish_named", "publish_text", "published_path", "serve_assets", "served_folder", "use_offline_assets",
]
