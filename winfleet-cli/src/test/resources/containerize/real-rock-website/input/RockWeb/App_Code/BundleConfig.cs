// placeholder: the site's App_Code/BundleConfig.cs (content not copied; only its presence matters)
