"""Beian Desktop (备案接入助手): an offline desktop assistant for ICP access filings at Alibaba Cloud."""

__version__ = "0.1.0"
