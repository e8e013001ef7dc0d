"""Interface labels in 中文 and English.

Vocabulary labels (modes, statuses, themes...) come from :mod:`geo.config`; this
module holds only the words of the interface itself.  Chinese is the first
language: in Chinese mode names are shown as ``中文 English``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, Literal

from geo import config

Language = Literal["zh", "en"]

LANGUAGES: Final[dict[str, str]] = {"zh": "中文", "en": "English"}

#: Interface strings: key -> (中文, English).
UI_TEXT: Final[dict[str, tuple[str, str]]] = {
    "title": ("渝黔合作先行示范区规划地图", "Chongqing–Guizhou Cooperation Pilot Zone: plan map"),
    "language": ("语言 Language", "Language 语言"),
    "filters": ("筛选", "Filters"),
    "layers": ("图层", "Layers"),
    "provinces": ("省（市）", "Province"),
    "counties": ("区县", "County"),
    "modes": ("交通方式", "Corridor mode"),
    "statuses": ("建设状态", "Status"),
    "status_groups": ("建设状态（按类）", "Status group"),
    "step_back": ("筛选未作用的图层", "Layers the filter does not narrow"),
    "step_back_pale": ("淡显在后", "Pale, behind"),
    "step_back_hide": ("隐藏", "Hidden"),
    "step_back_note_pale": ("筛选未作用（淡显）", "Not narrowed by the filter (drawn pale)"),
    "step_back_note_hide": ("筛选未作用（已隐藏）", "Not narrowed by the filter (hidden)"),
    "routes": ("旅游线路", "Tourism routes"),
    "logistics_kinds": ("物流类型", "Logistics kind"),
    "cross_border": ("仅显示跨省（渝黔）要素", "Cross-border (Chongqing–Guizhou) only"),
    "search": ("搜索（中文、拼音或英文）", "Search (Chinese, pinyin or English)"),
    "search_help": ("如：赶水、ganshui", "e.g. 赶水, ganshui"),
    "search_none": ("没有要素与“{query}”匹配：地图上只有参考图层（区县界、省界）。",
                    "No feature matches “{query}”: the map shows only the reference layers (county "
                    "boundaries, provincial border)."),
    "basemap": ("底图", "Basemap"),
    "reset": ("清除筛选", "Clear filters"),
    "zoom_filtered": ("缩放至筛选结果", "Zoom to results"),
    "shown": ("显示要素", "Features shown"),
    "preview_note": ("地图预览：完整地图加载中…", "Map preview: the full map is loading…"),
    "preview_title": ("地图预览", "Map preview"),
    "legend": ("图例", "Legend"),
    "legend_modes": ("交通方式（颜色）", "Corridor mode (colour)"),
    "legend_statuses": ("建设状态（线型）", "Status (line pattern)"),
    "legend_themes": ("旅游线路主题（颜色）", "Route theme (colour)"),
    "legend_parks": ("商贸物流类型", "Logistics kinds"),
    "legend_projects": ("重点项目类型", "Project kinds"),
    "legend_precision": ("定位精度（点符号）", "Location precision (point symbol)"),
    "legend_other": ("其他图层", "Other layers"),
    "legend_township_cq": ("重庆市乡镇", "Chongqing township"),
    "legend_township_gz": ("贵州省乡镇", "Guizhou township"),
    "legend_link": ("毗邻乡镇合作连线", "Township cooperation link"),
    "legend_border": ("渝黔省界", "Chongqing–Guizhou border"),
    "legend_boundary": ("区县界", "County boundary"),
    "legend_halo": ("选中要素（高亮）", "Selected (highlighted)"),
    "table": ("筛选结果列表", "Filtered features"),
    "show_table": ("显示属性表", "Show the attribute table"),
    "show_table_help": ("表格随筛选更新；关闭时地图重绘更快。",
                        "The table follows the filters; the map redraws faster while it is off."),
    "table_capped": ("仅列出前 {shown} 条（共 {total} 条）；下载可得全部。",
                     "Listing the first {shown} of {total}; the download holds all."),
    "download": ("下载筛选结果", "Download the filtered features"),
    "download_format": ("文件格式", "File format"),
    "download_crs": ("坐标系", "Coordinate system"),
    "download_empty": ("没有可下载的要素。", "Nothing to download."),
    "download_map_image": ("下载地图图片", "Download map image"),
    "download_map_image_help": ("PNG（A4 横版）：当前筛选结果与视图范围，含图例、比例尺、指北针和资料来源。",
                                "PNG (A4 landscape) of the current filters and view, with legend, scale bar, "
                                "north arrow and sources."),
    "choose": ("全部（可多选）", "All (choose to narrow)"),
    "no_layer": ("未选图层", "No layer chosen"),
    "township_tools": ("乡镇合作查询", "Township cooperation"),
    "township_pick": ("选择乡镇", "Choose a township"),
    "none": ("（无）", "(none)"),
    "radius_km": ("周边范围（公里）", "Distance (km)"),
    "partners": ("结对合作乡镇", "Partner townships"),
    "no_partners": ("规划中无结对乡镇。", "The plan pairs it with no township."),
    "nearby": ("范围内要素", "Features within the distance"),
    "route_tools": ("旅游线路站点", "Tourism route stops"),
    "route_pick": ("选择线路", "Choose a route"),
    "route_total": ("线路全长", "Route length"),
    "route_legs": ("站点间直线距离合计", "Sum of straight-line legs"),
    "col_layer": ("图层", "Layer"),
    "col_name": ("名称", "Name"),
    "col_name_en": ("英文名", "English name"),
    "col_kind": ("类型", "Kind"),
    "col_status": ("状态", "Status"),
    "col_county": ("区县", "County"),
    "col_province": ("省（市）", "Province"),
    "col_precision": ("定位精度", "Precision"),
    "col_source": ("规划出处", "Plan section"),
    "col_summary": ("简介", "Summary"),
    "col_seq": ("序号", "No."),
    "col_leg_km": ("距上一站（公里）", "Leg (km)"),
    "col_cum_km": ("累计（公里）", "Cumulative (km)"),
    "col_distance_km": ("距离（公里）", "Distance (km)"),
    "col_distance": ("距离", "Distance"),
    "popup_kind": ("类型", "Kind"),
    "popup_status": ("状态", "Status"),
    "popup_county": ("区县", "County"),
    "popup_source": ("规划出处", "Plan section"),
    "popup_precision": ("定位精度", "Precision"),
    "popup_cross_border": ("跨省合作", "Cross-border"),
    "popup_partners": ("结对乡镇", "Partners"),
    "popup_route": ("所属线路", "Route"),
    "popup_length": ("长度", "Length"),
    "yes": ("是", "yes"),
    "km": ("公里", "km"),
    "upload": ("上传图层", "Upload a layer"),
    "upload_file": ("选择文件：GeoJSON、GeoPackage、KML、GPX、Shapefile 压缩包或 CSV",
                    "Choose a file: GeoJSON, GeoPackage, KML, GPX, zipped Shapefile or CSV"),
    "upload_help": ("CSV 须含经度、纬度列（UTF-8 或 GBK）。上传的数据只在本次会话中使用，不改动规划图层。",
                    "A CSV needs longitude/latitude columns (UTF-8 or GBK). The upload stays in this "
                    "session and never changes the plan's layers."),
    "upload_shift": ("坐标纠偏", "Coordinate shift"),
    "shift_none": ("不纠偏（WGS84）", "None (WGS84)"),
    "shift_gcj02": ("从 GCJ-02（高德、腾讯）转为 WGS84", "From GCJ-02 (Gaode/AMap, Tencent) to WGS84"),
    "shift_bd09": ("从 BD-09（百度）转为 WGS84", "From BD-09 (Baidu) to WGS84"),
    "shift_suggested": ("（建议）", "(suggested)"),
    "upload_show": ("在地图上显示上传图层", "Show the upload on the map"),
    "upload_error": ("无法使用上传的文件", "The uploaded file cannot be used"),
    "upload_loaded": ("个要素已载入", "features loaded"),
    "upload_layer": ("上传", "Upload"),
    "upload_attributes": ("上传图层的属性", "Attributes of the upload"),
    "upload_more": ("项属性未显示", "more attributes not shown"),
    "ctl_zoom_in": ("放大", "Zoom in"),
    "ctl_zoom_out": ("缩小", "Zoom out"),
    "ctl_layers": ("图层", "Layers"),
    "ctl_fullscreen": ("全屏", "Full screen"),
    "ctl_fullscreen_exit": ("退出全屏", "Exit full screen"),
    "ctl_leaflet": ("Leaflet：交互式地图的 JavaScript 库", "A JavaScript library for interactive maps"),
    "assets_missing": ("离线地图脚本缺失：请在 geo/view/assets 下运行 npm ci。",
                       "Offline map scripts are missing: run npm ci in geo/view/assets."),
    "no_layers": ("未找到图层：请先运行 python -m geo build。",
                  "No layers found: run python -m geo build first."),
}

def text(key: str, lang: Language) -> str:
    """The interface string ``key`` in ``lang``.

    Parameters
    ----------
    key : str
        A key of :data:`UI_TEXT`.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    str
        The label; an unknown key is returned as it is.
    """
    pair = UI_TEXT.get(key) or EDIT_TEXT.get(key) or SCAN_TEXT.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]


def vocab_label(vocabulary: Mapping[str, tuple[str, ...]], code: str, lang: Language) -> str:
    """Label of a vocabulary code, e.g. ``vocab_label(MODES, "railway", "zh")`` -> ``普速铁路``.

    Parameters
    ----------
    vocabulary : mapping of str to tuple
        A vocabulary of :mod:`geo.config` whose values start with (中文, English).
    code : str
        The code.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    str
        The label, or the code itself when the vocabulary lacks it.
    """
    entry = vocabulary.get(code)
    if entry is None:
        return str(code)
    return entry[0] if lang == "zh" else entry[1]


def bilingual(chinese: str, english: str, lang: Language) -> str:
    """Both names, the interface language first (``赶水镇 Ganshui Town``).

    Parameters
    ----------
    chinese, english : str
        The two names; either may be empty.
    lang : {"zh", "en"}
        Which comes first.

    Returns
    -------
    str
        The names joined by a space, without duplicates or blanks.
    """
    parts = [chinese, english] if lang == "zh" else [english, chinese]
    kept = [p for p in parts if p]
    return " ".join(dict.fromkeys(kept))

#: Interface strings of the edit mode (:mod:`geo.view.edit._mode`): key -> (中文, English).
EDIT_TEXT: Final[dict[str, tuple[str, str]]] = {
    "edit_signin": ("编辑登录", "Editor sign-in"),
    "edit_username": ("用户名 Username", "Username 用户名"),
    "edit_password": ("密码 Password", "Password 密码"),
    "edit_signin_button": ("登录 Sign in", "Sign in 登录"),
    "edit_signout": ("退出登录", "Sign out"),
    "edit_signed_in": ("已登录", "Signed in as"),
    "edit_wrong": ("用户名或密码错误。", "Wrong username or password."),
    "edit_locked": ("登录失败次数过多，请稍后再试。", "Too many failed sign-ins: try again later."),
    "edit_expired": ("登录已过期，请重新登录。", "The session expired: sign in again."),
    "edit_not_allowed": ("该账户无编辑权限。", "This account may not edit."),
    "edit_viewer_note": ("查看地图无需账户；仅编辑人员需要登录。", "Viewing needs no account; only editors sign in."),
    "edit_mode": ("编辑模式", "Edit mode"),
    "edit_feature": ("选择要素", "Feature"),
    "edit_tab_geometry": ("位置 / 线位", "Position / alignment"),
    "edit_tab_status": ("建设进展", "Progress"),
    "edit_tab_note": ("备注", "Note"),
    "edit_tab_history": ("修改记录", "Audit trail"),
    "edit_map_help_point": ("在小地图上点击真实位置，或拖动标记；也可直接输入经纬度（WGS84）。",
                            "Click the true place on the small map or drag the marker, or type the lon/lat (WGS84)."),
    "edit_map_help_line": ("用左上角的画线工具重新绘制线位（再次单击最后一点结束），或拖动节点；"
                           "也可粘贴坐标，每行“经度, 纬度”。",
                           "Draw the line anew with the line tool at the top left (click the last point again to "
                           "end it) or drag its "
                           "vertices; or paste coordinates, one \"lon, lat\" per line."),
    "edit_lon": ("经度 Longitude", "Longitude 经度"),
    "edit_lat": ("纬度 Latitude", "Latitude 纬度"),
    "edit_coords": ("线位坐标（每行：经度, 纬度）", "Line coordinates (one \"lon, lat\" per line)"),
    "edit_precision": ("新的定位精度", "New precision class"),
    "edit_source": ("来源（必填）", "Source (required)"),
    "edit_source_optional": ("来源（可选）", "Source (optional)"),
    "edit_source_help": ("例如：现场核实 2026-11、规划图4-1、文件或网页地址",
                         "e.g. site visit 2026-11, plan figure 4-1, a document or page address"),
    "edit_note": ("备注", "Note"),
    "edit_save_move": ("保存位置", "Save the position"),
    "edit_save_line": ("保存线位", "Save the line"),
    "edit_new_status": ("最新状态", "New status"),
    "edit_status_date": ("生效日期（YYYY、YYYY-MM 或 YYYY-MM-DD）", "Effective date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "edit_save_status": ("保存进展", "Save the progress"),
    "edit_plan_status": ("规划状态", "Status per the plan"),
    "edit_no_status": ("该要素没有建设状态。", "This feature has no status."),
    "edit_save_note": ("保存备注", "Save the note"),
    "edit_saved": ("已保存。", "Saved."),
    "edit_conflict": ("保存被拒绝：{user} 已于 {time} 修改了该要素。你的输入仍保留在下方，可核对后重新保存。",
                      "Not saved: {user} changed this feature at {time}. Your input is kept below: "
                      "check it and save again."),
    "edit_reapply": ("基于最新版本重新保存", "Save again on the latest version"),
    "edit_invalid": ("无法保存", "Cannot save"),
    "edit_need_source": ("请填写来源。", "Give a source."),
    "edit_bad_date": ("日期须为 YYYY、YYYY-MM 或 YYYY-MM-DD。", "The date must be YYYY, YYYY-MM or YYYY-MM-DD."),
    "edit_bad_coords": ("坐标无效：", "Invalid coordinates: "),
    "edit_revert": ("撤销所选修改", "Revert the chosen edit"),
    "edit_revert_pick": ("要撤销的修改", "Edit to revert"),
    "edit_reverted": ("已撤销修改 #{edit}（{field}）。", "Reverted edit #{edit} ({field})."),
    "edit_no_edits": ("尚无修改记录。", "No edits yet."),
    "edit_all_features": ("显示全部要素的记录", "Show the edits of every feature"),
    "edit_col_time": ("时间", "Time"),
    "edit_col_user": ("编辑人", "Editor"),
    "edit_col_feature": ("要素", "Feature"),
    "edit_col_field": ("字段", "Field"),
    "edit_col_old": ("原值", "Old value"),
    "edit_col_new": ("新值", "New value"),
    "edit_col_source": ("来源", "Source"),
    "edit_col_note": ("备注", "Note"),
    "edit_col_id": ("编号", "Edit id"),
    "edit_points": ("个点", "points"),
    "status_view": ("状态显示", "Status shown"),
    "status_view_plan": ("按规划", "Per the plan"),
    "status_view_latest": ("最新", "Latest known status"),
    "legend_changed": ("自规划以来有变化", "Changed since the plan"),
    "popup_moved": ("位置修改", "Moved"),
    "popup_moved_by": ("{user} 于 {time} 修改，来源：{source}", "moved by {user} on {time}, source {source}"),
    "popup_latest_status": ("最新状态", "Latest status"),
    "popup_plan_status": ("规划状态", "Status per the plan"),
    "popup_changed": ("自规划以来有变化", "Changed since the plan"),
    "popup_note": ("备注", "Note"),
}


def short_time(value: object) -> str:
    """An ISO 8601 UTC time as people read it: ``2026-11-02T08:05:09Z`` -> ``2026-11-02 08:05 UTC``."""
    text = "" if value is None else str(value)
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|\+00:00)?$", text)
    if not match:
        return text
    return f"{match.group(1)} {match.group(2)}" + (" UTC" if match.group(5) else "")


#: Interface strings of the document scanner's panel (:mod:`geo.view.scan`): key -> (中文, English).
SCAN_TEXT: Final[dict[str, tuple[str, str]]] = {
    "scan": ("扫描文档", "Scan a document"),
    "scan_file": ("选择文件：TXT、DOCX、PDF（文字版）或 HTML", "Choose a file: TXT, DOCX, PDF (with text) or HTML"),
    "scan_help": ("找出文件中提到的地点、项目及其状态，与地图记录对照。文件只在本次会话中使用，不改动规划图层。",
                  "Finds the places, projects and statuses the document names and sets them against the map. "
                  "The file stays in this session and never changes the plan's layers."),
    "scan_error": ("无法扫描该文件", "The file cannot be scanned"),
    "scan_caution": config.SCAN_STATUS_CAUTION,
    "scan_found": ("个要素", "features found"),
    "scan_show": ("在地图上显示扫描结果", "Show the scan on the map"),
    "scan_layer": ("扫描", "Scan"),
    "scan_results": ("扫描结果", "Scan results"),
    "scan_unplaced": ("位置不明", "position unknown"),
    "scan_unmentioned": ("文件未提及的地图记录", "Records of the map the document does not mention"),
    "scan_csv": ("下载核对表（CSV）", "Download the review CSV"),
    "scan_geojson": ("下载扫描要素（GeoJSON）", "Download the features (GeoJSON)"),
    "scan_report": ("下载扫描报告（HTML）", "Download the report (HTML)"),
    "scan_col_change": ("变化", "Change"),
    "scan_col_old": ("地图状态", "Map status"),
    "scan_col_record": ("地图记录", "Map record"),
    "scan_col_section": ("出处", "Section"),
    "scan_col_quote": ("原文", "Quote"),
    "scan_col_words": ("状态依据", "Status words"),
    "scan_col_file": ("记录文件", "Records file"),
    "scan_accept": ("接受状态变化", "Accept a status change"),
    "scan_accept_pick": ("选择状态变化", "Status change"),
    "scan_accept_status": ("保存的状态（先对照原文，读错了可在此更正）",
                           "Status to save (check it against the quote; correct it here if it was misread)"),
    "scan_accept_date": ("状态日期（文件所述，YYYY、YYYY-MM 或 YYYY-MM-DD）",
                         "Status date (as the document gives it: YYYY, YYYY-MM or YYYY-MM-DD)"),
    "scan_accept_button": ("接受并保存", "Accept and save"),
    "scan_accept_signin": ("登录编辑后可把状态变化存入修改记录。",
                           "Sign in as an editor to accept a status change into the edit store."),
    "scan_accept_none": ("没有可接受的状态变化。", "No status change to accept."),
    "scan_accept_saved": ("已保存：修改记录如下。", "Saved: the audit trail follows."),
    "scan_note": ("文件扫描：", "Document scan: "),
}
